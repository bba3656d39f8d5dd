// cdk-nag (AwsSolutions) findings that stand on purpose, each with its reason. `npm test` runs the checks over all
// four stacks (test/infra/nag.test.ts) and fails on any finding not acknowledged here; cdk-nag matches an
// acknowledgement to a construct or any of its ancestors, so each one sits on the narrowest construct that works.
import { type Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { StatefulStack } from './stateful-stack';
import type { StatelessStack } from './stateless-stack';

/** CDK's BucketDeployment handler: one singleton function per stack, named by CDK. */
const BUCKET_DEPLOYMENT = 'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB';
const BASIC_EXECUTION = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

function at(stack: Stack, path: string): IConstruct {
  return path.split('/').reduce<IConstruct>((scope, id) => scope.node.findChild(id), stack);
}

function ack(scope: IConstruct, reason: string, ...ids: string[]) {
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason })));
}

const OUR_FUNCTION_REASONS = {
  basicExecution: 'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch log streams; AWS maintains it.',
  runtime: 'Node.js 22 is the runtime the functions are bundled for (esbuild target node22) and tested on; moving to 24 is a deliberate, tested change.',
};

export function acknowledgeNagFindings(
  { stateful, stateless }: { stateful: StatefulStack; stateless: StatelessStack },
  { customDomain }: { customDomain: boolean },
) {
  for (const [stack, id] of [
    [stateful, 'LinkKeyRotation'],
    [stateless, 'ApiFunction'],
    [stateless, 'StreamFunction'],
    [stateless, 'ExportFunction'],
    [stateless, 'ExportJobs/Function'],
    [stateless, 'OriginVerifyRotation'],
  ] as const) {
    ack(at(stack, id), OUR_FUNCTION_REASONS.basicExecution, BASIC_EXECUTION);
    ack(at(stack, id), OUR_FUNCTION_REASONS.runtime, 'AwsSolutions-L1');
  }
  for (const [stack, id] of [
    [stateful, 'LinkKeyRotation'],
    [stateless, 'OriginVerifyRotation'],
  ] as const) {
    ack(
      at(stack, id),
      'secretsmanager:GetRandomPassword has no resource to scope to; CDK grants it with every rotation schedule.',
      'AwsSolutions-IAM5[Resource::*]',
    );
  }

  ack(
    stateful.node.findChild('UserPool'),
    'MFA is optional at pool level because collectors sign in on shared field phones; TOTP is offered, and admins and officials must enroll (docs/security.md). Cognito cannot require MFA per group.',
    'AwsSolutions-COG2',
  );

  const tableKey = "grantEncryptDecrypt on the tables' customer-managed key: the KMS action families CDK uses, on that one key ARN only.";
  for (const id of ['ApiFunction', 'StreamFunction', 'ExportJobs/Function'])
    ack(at(stateless, id), tableKey, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]');
  const responsesIndexes = `AwsSolutions-IAM5[Resource::${stateful.stackName}:ExportsOutputFnGetAttResponsesTable53B822EDArn0E2902C1/index/*]`;
  for (const id of ['ApiFunction', 'ExportFunction', 'ExportJobs/Function'])
    ack(
      at(stateless, id),
      "Query on the Responses table's own indexes (byRoundWard): the wildcard spans only index names of that one table.",
      responsesIndexes,
    );
  ack(
    at(stateless, 'StreamFunction'),
    'dynamodb:ListStreams has no resource to scope to; the DynamoDB event source grants it alongside the stream read.',
    'AwsSolutions-IAM5[Resource::*]',
  );

  // Export jobs: the worker writes files into the exports bucket; the API and the export function sign downloads.
  const exportsBucketObjects = `AwsSolutions-IAM5[Resource::${stateful.stackName}:ExportsOutputFnGetAttExportFilesBucket8C0C8A83Arn72ECD6A7/*]`;
  const bucketGrant = "CDK's grantRead/grantReadWrite action families on the exports bucket and its objects only (one bucket ARN).";
  for (const id of ['ApiFunction', 'ExportFunction', 'ExportJobs/Function'])
    ack(
      at(stateless, id),
      bucketGrant,
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      exportsBucketObjects,
    );
  ack(at(stateless, 'ExportJobs/Function'), bucketGrant, 'AwsSolutions-IAM5[Action::s3:Abort*]', 'AwsSolutions-IAM5[Action::s3:DeleteObject*]');
  ack(
    at(stateless, 'ApiFunction'),
    "grantInvoke on the export worker: the ':*' covers that one function's versions and aliases only.",
    `AwsSolutions-IAM5[Resource::<${stateless.resolve((at(stateless, 'ExportJobs/Function/Resource') as { logicalId?: string }).logicalId)}.Arn>:*]`,
  );
  ack(
    at(stateful, 'ExportFiles/Bucket'),
    "Export files are fetched only through short-lived presigned URLs the app signs after checking the user's role, and each job records who asked for it; S3 server access logs would store those presigned URLs (credentials) for no added trace.",
    'AwsSolutions-S1',
  );

  const deployment = stateless.node.findChild(BUCKET_DEPLOYMENT);
  ack(
    deployment,
    "CDK's BucketDeployment handler, run only during deploys: its runtime and its grants (read the CDK asset bucket, write the web bucket, invalidate the distribution) are CDK's own.",
    'AwsSolutions-L1',
    BASIC_EXECUTION,
    'AwsSolutions-IAM5[Action::s3:Abort*]',
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
    'AwsSolutions-IAM5[Action::s3:GetBucket*]',
    'AwsSolutions-IAM5[Action::s3:GetObject*]',
    'AwsSolutions-IAM5[Action::s3:List*]',
    'AwsSolutions-IAM5[Resource::*]',
    `AwsSolutions-IAM5[Resource::<${stateless.resolve((at(stateless, 'Web/Bucket/Resource') as { logicalId?: string }).logicalId)}.Arn>/*]`,
    `AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stateless.region}/*]`,
  );

  ack(
    at(stateless, 'HttpApi'),
    'Authorization lives in the app, not in an API Gateway authorizer: the Hono middleware verifies the Cognito ID token and role per route, and /api/self/{token} is public by design behind signed link tokens, WAF and throttles.',
    'AwsSolutions-APIG4',
  );
  ack(
    at(stateless, 'AggregationDeadLetterQueue'),
    'This queue is itself the dead-letter queue (of the Responses stream event source); nothing consumes it but the replay command.',
    'AwsSolutions-SQS3',
  );
  ack(
    at(stateless, 'Web/Bucket'),
    'The web bucket holds only the public build output, read only by CloudFront through origin access control; CloudFront logs the requests (PhieuEdgeLogs).',
    'AwsSolutions-S1',
  );

  const distribution = at(stateless, 'Web/Distribution');
  ack(
    distribution,
    'No geo restriction: households and collectors are in Vietnam, but roaming staff and operators abroad must reach the app; WAF rate limits bound abuse from anywhere.',
    'AwsSolutions-CFR1',
  );
  ack(
    distribution,
    'Access logs use CloudFront standard logging v2 (PhieuEdgeLogs, us-east-1) with a field selection that leaves out the URI, which carries link tokens; this rule only knows the v1 logging property, which logs every URI.',
    'AwsSolutions-CFR3',
  );
  if (!customDomain) {
    ack(
      distribution,
      'Without a custom domain the distribution serves the default *.cloudfront.net certificate, whose viewer TLS policy CloudFront fixes; set context domainName and certificateArn before going live (TLSv1.2_2021 then applies).',
      'AwsSolutions-CFR4',
    );
  }
}
