// Customer-managed KMS keys: rotated yearly by KMS, retained with the data they protect (a deleted key would make
// retained tables, secrets and logs unreadable). A key for log groups also admits CloudWatch Logs of its region.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

export function phieuKey(scope: Construct, id: string, description: string, { forLogs = false } = {}): Key {
  const key = new Key(scope, id, {
    description: `Phiếu: ${description}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
  if (forLogs) {
    const { region, account, partition } = Stack.of(scope);
    key.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        // Only for this account's log groups.
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*` } },
      }),
    );
  }
  return key;
}
