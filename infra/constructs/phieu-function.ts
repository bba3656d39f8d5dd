// Lambda defaults for every Phiếu function, and the grants that go with its configuration.
// A function learns a resource only through an env var, and each helper grants exactly what that var is for.

import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { lambdaEsbuildOptions } from './lambda-bundling';

export interface PhieuFunctionProps {
  /** Repository root: entries and node_modules are resolved from it. */
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

/**
 * The function's code: esbuild run locally at synthesis with lambdaEsbuildOptions (code splitting, so one asset
 * directory of index.mjs and its chunks; NodejsFunction writes a single outfile). Hashed by its output, as
 * NodejsFunction does. Synthesis that skips bundling (`aws:cdk:bundling-stacks`, the CDK tests) never calls it.
 */
function splitBundle(projectRoot: string, entry: string): Code {
  return Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds or throws. CDK requires an image all the same.
      image: DockerImage.fromRegistry('scratch'),
      // Not run either, but it is part of CDK's asset cache key: without the entry, two functions would share one asset.
      command: ['esbuild', entry],
      local: {
        tryBundle(outputDir: string): boolean {
          buildSync({ ...lambdaEsbuildOptions(join(projectRoot, entry), outputDir), absWorkingDir: projectRoot });
          return true;
        },
      },
    },
  });
}

/** A Lambda function on ARM64 / Node 22 whose code is split minified ESM with external source maps. */
export class PhieuFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: PhieuFunctionProps) {
    // Owned log group: retention is set up front and the group goes away with the stack.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
      encryptionKey: props.logEncryptionKey,
    });
    super(scope, id, {
      code: splitBundle(props.projectRoot, props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      // No --enable-source-maps: it costs every cold start 13-25 ms. The .map files ship beside each chunk;
      // `npm run decode-stack` maps a logged stack trace back to the sources (infra/README.md).
      environment: props.environment,
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
