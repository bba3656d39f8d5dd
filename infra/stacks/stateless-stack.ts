// Everything that can be deleted and redeployed at will: the two functions, the HTTP API, the aggregation DLQ
// and the web front door. State comes in through `state`, and each function gets only the grants it needs.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { FunctionUrlAuthType, InvokeMode, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_ENV } from '../../functions/lib/repo/tables';
import { ExportWorker } from '../constructs/export-jobs';
import { addHttpApi } from '../constructs/http-api';
import { OperationsAlarms } from '../constructs/operations-alarms';
import { addOriginVerifyRotation } from '../constructs/origin-verify-rotation';
import { PhieuFunction } from '../constructs/phieu-function';
import { phieuKey } from '../constructs/phieu-key';
import { type WebDomain, WebSite } from '../constructs/web-site';
import type { PhieuState } from './stateful-stack';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Reserved concurrency defaults: the API's share of the account, and a few parallel raw exports. */
export const DEFAULT_RESERVED_CONCURRENCY = { api: 50, export: 3 };

export interface StatelessStackProps extends StackProps {
  state: PhieuState;
  /** Built web app to upload. Default: `web/dist` (run `npm run build:web` first). */
  webAssetsPath?: string;
  /** Email address that alarm notifications go to (cdk context `alarmEmail`). */
  alarmEmail?: string;
  /** ARN of the CloudFront-scope WAF web ACL (EdgeStack, us-east-1). */
  webAclArn?: string;
  /** The app's own domain and its us-east-1 certificate; default: the distribution's cloudfront.net name. */
  domain?: WebDomain;
  /** Reserved concurrency of the API and export functions (context `apiReservedConcurrency`, `exportReservedConcurrency`). */
  reservedConcurrency?: { api?: number; export?: number };
  /** Days between rotations of the origin-verify value. Default 30. */
  originVerifyRotationDays?: number;
}

export class StatelessStack extends Stack {
  /** For the us-east-1 log delivery (EdgeLogsStack). */
  readonly distributionId: string;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { state } = props;
    const logKey = phieuKey(this, 'LogKey', 'function and API logs', { forLogs: true });
    const opsKey = phieuKey(this, 'OpsKey', 'alarm topic and origin-verify secret');
    const reserved = {
      api: props.reservedConcurrency?.api ?? DEFAULT_RESERVED_CONCURRENCY.api,
      export: props.reservedConcurrency?.export ?? DEFAULT_RESERVED_CONCURRENCY.export,
    };

    // CloudFront's proof of origin to the API (x-viewer-address is trusted only with it). Generated at the first
    // deploy; CloudFormation resolves it into the distribution's origin header and the API's ORIGIN_VERIFY, so the
    // value is never in the template or at synth. Not retained: a new stack simply gets a new value.
    const originVerify = new Secret(this, 'OriginVerifySecret', {
      description: 'Phiếu: value CloudFront sends the API in x-phieu-origin-verify',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      encryptionKey: opsKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const originVerifyValue = originVerify.secretValue.unsafeUnwrap();

    // The user pool's keys, fetched at deploy (`-c cognitoJwks="$(curl -s <issuer>/.well-known/jwks.json)"`, see
    // infra/README.md): tokens are then verified with no network call; without it they are fetched on first use.
    const cognitoJwks = this.node.tryGetContext('cognitoJwks') as string | undefined;
    const api = new PhieuFunction(this, 'ApiFunction', {
      projectRoot: PROJECT_ROOT,
      entry: 'functions/api.ts',
      description: 'Phiếu HTTP API (Hono)',
      timeout: Duration.seconds(15),
      logEncryptionKey: logKey,
      reservedConcurrentExecutions: reserved.api,
      environment: {
        AUTH_MODE: 'cognito',
        COGNITO_USER_POOL_ID: state.userPool.userPoolId,
        COGNITO_CLIENT_ID: state.userPoolClient.userPoolClientId,
        ORIGIN_VERIFY: originVerifyValue,
        ...(cognitoJwks ? { COGNITO_JWKS: cognitoJwks } : {}),
      },
    })
      .bindTable(state.responses, TABLE_ENV.responses, 'readWrite')
      // An admin recompute rewrites aggregates from the responses.
      .bindTable(state.aggregates, TABLE_ENV.aggregates, 'readWrite')
      .bindTable(state.reference, TABLE_ENV.reference, 'readWrite')
      .bindSecret(state.linkSecret, 'LINK_SECRET_ARN');
    // Sign-in reads the app client (its secret, when it has one); an admin's user changes end the user's sessions.
    state.userPool.grant(
      api,
      'cognito-idp:DescribeUserPoolClient',
      'cognito-idp:AdminUserGlobalSignOut',
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminRemoveUserFromGroup',
      'cognito-idp:AdminDeleteUser',
    );

    // Stream records that still fail after the retries land here as pointers (shard id + sequence range).
    const deadLetters = new Queue(this, 'AggregationDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      // Holds only shard ids and sequence numbers (no records): SQS-managed encryption is enough.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    // Reads the Responses table only through its stream (granted by the event source), writes aggregates (each
    // round's indicator lists are kept there too).
    const stream = new PhieuFunction(this, 'StreamFunction', {
      projectRoot: PROJECT_ROOT,
      entry: 'functions/stream.ts',
      description: 'Phiếu: folds Responses stream records into ward aggregates',
      timeout: Duration.seconds(60),
      logEncryptionKey: logKey,
    }).bindTable(state.aggregates, TABLE_ENV.aggregates, 'readWrite');
    stream.addEventSource(
      new DynamoEventSource(state.responses, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(1),
        // A poison record is isolated by halving the batch; the handler also reports the first failed item.
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(1),
        // One batch at a time per shard keeps each shard's changes in order.
        parallelizationFactor: 1,
        onFailure: new SqsDlq(deadLetters),
      }),
    );

    const { httpApi, stage } = addHttpApi(this, { handler: api, logEncryptionKey: logKey });

    // Raw exports (issue 6): a round of 100,000 households is ~100 MB of CSV and takes longer than API
    // Gateway's 30 s, so it streams from its own function through a function URL. The URL takes only requests
    // CloudFront signed (AWS_IAM auth, origin access control); the app verifies the Cognito token on the route
    // (admin only), as behind API Gateway; only reads are granted.
    const exporter = new PhieuFunction(this, 'ExportFunction', {
      projectRoot: PROJECT_ROOT,
      entry: 'functions/export.ts',
      description: 'Phiếu raw responses export (streamed CSV)',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      logEncryptionKey: logKey,
      reservedConcurrentExecutions: reserved.export,
      environment: {
        AUTH_MODE: 'cognito',
        COGNITO_USER_POOL_ID: state.userPool.userPoolId,
        COGNITO_CLIENT_ID: state.userPoolClient.userPoolClientId,
      },
    })
      .bindTable(state.responses, TABLE_ENV.responses, 'read')
      .bindTable(state.reference, TABLE_ENV.reference, 'read');
    // Export jobs: the worker, the bucket's grants to the API and the export function (it answers GET /api/exports/{id}).
    new ExportWorker(this, 'ExportJobs', { projectRoot: PROJECT_ROOT, bucket: state.exportsBucket, ...state, api, exporter, logEncryptionKey: logKey });
    const exportUrl = exporter.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM, invokeMode: InvokeMode.RESPONSE_STREAM });

    const web = new WebSite(this, 'Web', {
      assetsPath: props.webAssetsPath ?? join(PROJECT_ROOT, 'web', 'dist'),
      httpApi,
      exportUrl,
      originVerify: originVerifyValue,
      webAclArn: props.webAclArn,
      domain: props.domain,
      logEncryptionKey: logKey,
    });
    this.distributionId = web.distribution.distributionId;
    // Self-report link URLs are built from this alone (never from a request's Host): the app's own domain when it
    // has one, else the distribution's name. The API refuses to start without it.
    api.addEnvironment('PUBLIC_URL', props.domain ? `https://${props.domain.domainName}` : web.url);

    addOriginVerifyRotation(this, 'OriginVerifyRotation', {
      projectRoot: PROJECT_ROOT,
      secret: originVerify,
      apiFunction: api,
      distribution: web.distribution,
      logEncryptionKey: logKey,
      rotationDays: props.originVerifyRotationDays,
    });

    const alarms = new OperationsAlarms(this, 'Alarms', {
      apiFunction: api,
      exportFunction: exporter,
      streamFunction: stream,
      deadLetters,
      httpApiId: httpApi.apiId,
      email: props.alarmEmail,
      masterKey: opsKey,
    });

    new CfnOutput(this, 'WebUrl', { value: web.url, description: 'The app (CloudFront)' });
    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'HTTP API, direct (the app calls it through CloudFront /api/*)' });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: deadLetters.queueUrl, description: 'Stream records that failed aggregation' });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'Operations alarms (SNS)' });
    new CfnOutput(this, 'UserPoolId', { value: state.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: state.userPoolClient.userPoolClientId });
  }
}
