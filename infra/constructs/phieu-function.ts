// Lambda defaults for every Phiếu function, and the grants that go with its configuration.
// A function learns a resource only through an env var, and each helper grants exactly what that var is for.

import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { LAMBDA_BUNDLING } from './lambda-bundling';

/** ESM bundles still meet CommonJS dependencies that call `require`. */

export interface PhieuFunctionProps {
  /** Repository root: where package-lock.json lives and entries are resolved from. */
  projectRoot: string;
  /** Entry file relative to the project root, exporting `handler`. */
  entry: string;
  description: string;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
  /** Customer-managed key of the function's log group (its policy must admit CloudWatch Logs). */
  logEncryptionKey?: IKey;
  reservedConcurrentExecutions?: number;
}

export type TableAccess = 'read' | 'readWrite';

/**
 * Item-level actions only. CDK's grantReadData / grantReadWriteData also add the stream actions
 * (dynamodb:GetRecords, GetShardIterator); a function reads a stream only through an event source.
 */
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_ACTIONS: Record<TableAccess, string[]> = {
  read: READ_ACTIONS,
  readWrite: [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
};

/** A NodejsFunction on ARM64 / Node 22, bundled locally by esbuild to minified ESM with external source maps. */
export class PhieuFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: PhieuFunctionProps) {
    // Owned log group: retention is set up front and the group goes away with the stack.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
      encryptionKey: props.logEncryptionKey,
    });
    super(scope, id, {
      entry: join(props.projectRoot, props.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      // No --enable-source-maps: it costs every cold start 13-25 ms. The .map files ship beside each bundle;
      // `npm run decode-stack` maps a logged stack trace back to the sources (infra/README.md).
      environment: props.environment,
      bundling: { forceDockerBundling: false, format: OutputFormat.ESM, ...LAMBDA_BUNDLING, mainFields: [...LAMBDA_BUNDLING.mainFields] },
    });
  }

  /** Sets `envName` to the table's name and grants `access` to its items (and indexes). */
  bindTable(table: ITable, envName: string, access: TableAccess): this {
    this.addEnvironment(envName, table.tableName);
    table.grant(this, ...TABLE_ACTIONS[access]);
    // Table.grant leaves out the table's customer-managed key.
    if (access === 'read') table.encryptionKey?.grantDecrypt(this);
    else table.encryptionKey?.grantEncryptDecrypt(this);
    return this;
  }

  /** Sets `envName` to the secret's ARN and grants reading its value. */
  bindSecret(secret: ISecret, envName: string): this {
    this.addEnvironment(envName, secret.secretArn);
    // By hand rather than secret.grantRead: that also writes this role into the key's policy, which from another
    // stack is a reference cycle. The key's policy trusts the account's IAM policies, so this statement suffices.
    this.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [secret.secretArn] }));
    if (secret.encryptionKey) {
      const { region } = Stack.of(this);
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [secret.encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
        }),
      );
    }
    return this;
  }
}
