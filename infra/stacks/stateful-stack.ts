// Long-lived state: the three tables, the user pool and the link-signing secret, all under this stack's
// customer-managed key. The data is retained when the stack is deleted (the key too); the stateless stack
// receives these resources as typed props. The link secret's rotation function lives here, next to its schedule.

import { fileURLToPath } from 'node:url';
import { ROLES } from '@shared/api/contract';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption, type TableProps } from 'aws-cdk-lib/aws-dynamodb';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AGGREGATES_TABLE, REFERENCE_TABLE, RESPONSES_TABLE } from '../../functions/lib/repo/tables';
import { ExportFilesBucket } from '../constructs/export-jobs';
import { PhieuFunction } from '../constructs/phieu-function';
import { phieuKey } from '../constructs/phieu-key';

/** What the stateless stack needs from this one. */
export interface PhieuState {
  responses: Table;
  aggregates: Table;
  reference: Table;
  userPool: UserPool;
  userPoolClient: UserPoolClient;
  linkSecret: Secret;
  /** Encrypts the tables and the link secret. */
  dataKey: Key;
  exportsBucket: Bucket;
}

export interface StatefulStackProps extends StackProps {
  /**
   * Days between rotations of the link-signing key. A link keeps working while its key is current or previous,
   * so at least this long after it was last listed: keep it above the longest survey round. Default 90.
   */
  linkKeyRotationDays?: number;
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const str = (name: string) => ({ name, type: AttributeType.STRING });

/** Settings every table shares: on demand, recoverable to the second, never deleted with the stack. */
const TABLE_DEFAULTS = {
  billingMode: BillingMode.PAY_PER_REQUEST,
  encryption: TableEncryption.CUSTOMER_MANAGED,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  deletionProtection: true,
  removalPolicy: RemovalPolicy.RETAIN,
} satisfies Partial<TableProps>;

export class StatefulStack extends Stack {
  readonly state: PhieuState;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);
    const dataKey = phieuKey(this, 'DataKey', 'tables and the link-signing secret');
    const logKey = phieuKey(this, 'LogKey', 'logs of the stateful stack', { forLogs: true });

    const responses = new Table(this, 'ResponsesTable', {
      ...TABLE_DEFAULTS,
      encryptionKey: dataKey,
      partitionKey: str(RESPONSES_TABLE.partitionKey),
      // The stream function folds old and new images into ward aggregates.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    });
    const { byRoundWard } = RESPONSES_TABLE;
    responses.addGlobalSecondaryIndex({
      indexName: byRoundWard.indexName,
      partitionKey: str(byRoundWard.partitionKey),
      sortKey: str(byRoundWard.sortKey),
      projectionType: ProjectionType.ALL,
    });
    const aggregates = new Table(this, 'AggregatesTable', {
      ...TABLE_DEFAULTS,
      encryptionKey: dataKey,
      partitionKey: str(AGGREGATES_TABLE.partitionKey),
      sortKey: str(AGGREGATES_TABLE.sortKey),
    });
    const reference = new Table(this, 'ReferenceTable', {
      ...TABLE_DEFAULTS,
      encryptionKey: dataKey,
      partitionKey: str(REFERENCE_TABLE.partitionKey),
      sortKey: str(REFERENCE_TABLE.sortKey),
      // Failed sign-in counts expire by themselves (functions/lib/repo/attempts-repo.ts).
      timeToLiveAttribute: REFERENCE_TABLE.ttlAttribute,
    });

    const userPool = new UserPool(this, 'UserPool', {
      // Admins create every account; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Comma-separated area codes an official or collector may see; only admins set it (see writeAttributes).
      customAttributes: { areas: new StringAttribute({ mutable: true, minLen: 0, maxLen: 2048 }) },
      // No e-mail or phone on accounts: an admin resets forgotten passwords.
      accountRecovery: AccountRecovery.NONE,
      // TOTP (an authenticator app) for admins and officials; collectors' shared field phones may go without. SMS
      // would need a phone number on accounts, which they do not have.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      // Threat protection: blocks sign-in with known-compromised passwords and scores risky sign-ins.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) {
      new UserPoolGroup(this, `Group-${role}`, { userPool, groupName: role, description: `Phiếu ${role}s` });
    }
    const userPoolClient = userPool.addClient('WebClient', {
      // Only the API talks to Cognito (sign-in goes through POST /api/session), so the client can hold a secret: the
      // API reads it once (DescribeUserPoolClient). With it Cognito accepts the viewer's address the API passes in
      // UserContextData, and threat protection scores the user's address rather than the Lambda's.
      generateSecret: true,
      enablePropagateAdditionalUserContextData: true,
      authFlows: { userPassword: true, userSrp: true },
      // Sign-in goes through the API, not the hosted UI.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      // Short ID tokens renewed silently (POST /api/session/refresh); a refresh token lives as long as the app's
      // 12-hour session limit, and AdminUserGlobalSignOut or RevokeToken ends it (docs/security.md, "Sessions").
      idTokenValidity: Duration.minutes(15),
      accessTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      // The ID token must carry custom:areas; cognito:groups is always present.
      readAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, preferredUsername: true }).withCustomAttributes('areas'),
      // Users must not widen their own areas with UpdateUserAttributes: custom:areas is not writable by the client.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, preferredUsername: true }),
    });

    const linkSecret = new Secret(this, 'LinkSigningSecret', {
      description: 'Phiếu: HMAC key that signs self-report links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      encryptionKey: dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A new random key every linkKeyRotationDays; the API verifies links of the current and the previous key.
    const rotateLinkKey = new PhieuFunction(this, 'LinkKeyRotation', {
      projectRoot: PROJECT_ROOT,
      entry: 'functions/rotate-link-secret.ts',
      description: 'Phiếu: rotates the link-signing key',
      timeout: Duration.seconds(30),
      memorySize: 256,
      logEncryptionKey: logKey,
    });
    linkSecret.addRotationSchedule('Rotation', {
      rotationLambda: rotateLinkKey,
      automaticallyAfter: Duration.days(props.linkKeyRotationDays ?? 90),
      // Rotating at once on deploy would start the clock on links just handed out; the schedule suffices.
      rotateImmediatelyOnUpdate: false,
    });

    const exportsBucket = new ExportFilesBucket(this, 'ExportFiles').bucket;

    this.state = { responses, aggregates, reference, userPool, userPoolClient, linkSecret, dataKey, exportsBucket };

    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId, description: 'Cognito user pool id' });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId, description: 'Cognito app client id (public)' });
    new CfnOutput(this, 'ResponsesTableName', { value: responses.tableName });
    new CfnOutput(this, 'AggregatesTableName', { value: aggregates.tableName });
    new CfnOutput(this, 'ReferenceTableName', { value: reference.tableName });
  }
}
