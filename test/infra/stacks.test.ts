// CDK assertions on the two Phiếu stacks, synthesized once the way infra/app.ts wires them (same cdk.json
// feature flags), with bundling skipped and a throwaway web build. Resources are found by what they are wired
// to (the event source's function, the API's integration, the env var naming a table), not by logical id.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPhieuStacks } from '../../infra/stacks/phieu';

type Json = any; // CloudFormation template fragments
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: Json;
}

const CDK_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

function newApp(): App {
  // An empty bundling-stacks list skips esbuild for every stack: the templates are the same, minus the bytes.
  return new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
}

let webDir: string;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), 'phieu-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Phiếu</title>');
  const stacks = addPhieuStacks(newApp(), { webAssetsPath: webDir });
  stateful = Template.fromStack(stacks.stateful);
  stateless = Template.fromStack(stacks.stateless);
});

afterAll(() => rmSync(webDir, { recursive: true, force: true }));

// ---- helpers: follow references through the stateful stack's exports ----

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Logical ids of stateful resources that `value` refers to, directly or through Fn::ImportValue. */
function statefulIdsIn(value: Json): Set<string> {
  const ids = new Set<string>();
  const outputs = stateful.toJSON().Outputs as Record<string, Json>;
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (typeof node['Fn::ImportValue'] === 'string') {
      const name = node['Fn::ImportValue'];
      const output = Object.values(outputs).find((candidate) => candidate.Export?.Name === name);
      if (!output) throw new Error(`No stateful export named ${name}`);
      const target = output.Value;
      if (target.Ref) ids.add(target.Ref);
      else if (target['Fn::GetAtt']) ids.add(target['Fn::GetAtt'][0]);
      else throw new Error(`Unexpected export value ${JSON.stringify(target)}`);
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(value);
  return ids;
}

/** The single stateful resource a value (an env var, an ARN) refers to. */
function statefulIdOf(value: Json): string {
  const ids = [...statefulIdsIn(value)];
  expect(ids).toHaveLength(1);
  return ids[0];
}

function lambdaOf(template: Template, logicalId: string): Json {
  const resource = template.toJSON().Resources[logicalId];
  expect(resource?.Type).toBe('AWS::Lambda::Function');
  return resource.Properties;
}

/** Properties of the one event source mapping: the Responses stream. */
function eventSourceMapping(): Json {
  const mappings = Object.values(stateless.findResources('AWS::Lambda::EventSourceMapping'));
  expect(mappings).toHaveLength(1);
  return mappings[0].Properties;
}

/** The function that the Responses stream event source invokes. */
const streamFunctionId = (): string => eventSourceMapping().FunctionName.Ref;

/** The function behind the HTTP API's Lambda proxy integration. */
function apiFunctionId(): string {
  const integrations = Object.values(stateless.findResources('AWS::ApiGatewayV2::Integration'));
  expect(integrations).toHaveLength(1);
  return integrations[0].Properties.IntegrationUri['Fn::GetAtt'][0];
}

/** Every IAM statement granted to a function's execution role (attached policies and inline ones). */
function statementsOf(functionId: string): Statement[] {
  const roleId = lambdaOf(stateless, functionId).Role['Fn::GetAtt'][0];
  const resources = stateless.toJSON().Resources as Record<string, Json>;
  const attached = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && asArray(r.Properties.Roles).some((role: Json) => role.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
  const inline = asArray(resources[roleId].Properties.Policies).flatMap((p: Json) => p.PolicyDocument.Statement);
  const statements = [...attached, ...inline] as Statement[];
  expect(statements.length).toBeGreaterThan(0);
  return statements;
}

/** Table logical ids, by the env var the code reads them from (what a function means by "the X table"). */
function tableIdFromEnv(functionId: string, envName: string): string {
  const value = lambdaOf(stateless, functionId).Environment.Variables[envName];
  expect(value, `${envName} is set`).toBeDefined();
  return statefulIdOf(value);
}

const actionsOf = (s: Statement) => asArray(s.Action);
const WRITE_ACTION = /^(\*|dynamodb:(\*|Put|Update|Delete|BatchWrite|PartiQL(Insert|Update|Delete)))/;
const STREAM_ACTION = /^(\*|dynamodb:(\*|GetRecords|GetShardIterator|DescribeStream|ListStreams))/;

/** Does the statement reach this stateful resource? A `*` resource reaches every table for table-level actions. */
function reaches(statement: Statement, logicalId: string): boolean {
  if (statement.Effect !== 'Allow') return false;
  const resources = asArray(statement.Resource);
  if (resources.includes('*')) return actionsOf(statement).some((a) => a === '*' || (a.startsWith('dynamodb:') && a !== 'dynamodb:ListStreams'));
  return statefulIdsIn(resources).has(logicalId);
}

const writesTo = (statements: Statement[], tableId: string) => statements.some((s) => reaches(s, tableId) && actionsOf(s).some((a) => WRITE_ACTION.test(a)));

function statefulIdByType(type: string, props: Json): string {
  const found = Object.keys(stateful.findResources(type, { Properties: props }));
  expect(found).toHaveLength(1);
  return found[0];
}

// ---- stateful ----

describe('StatefulStack', () => {
  it('streams Responses with old and new images and indexes them by round and ward', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byRoundWard',
          KeySchema: [
            { AttributeName: 'roundWard', KeyType: 'HASH' },
            { AttributeName: 'villageSort', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('bills every table on demand, with point-in-time recovery, and retains it on delete and replace', () => {
    const tables = Object.values(stateful.findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
    }
  });

  it('keys Aggregates and Reference by pk / sk', () => {
    const pkSk = [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ];
    expect(Object.keys(stateful.findResources('AWS::DynamoDB::Table', { Properties: { KeySchema: pkSk } }))).toHaveLength(2);
  });

  it('sends a strict CSP, HSTS, nosniff, no-referrer and no framing on the app and on /api/*', () => {
    const policies = Object.values(stateless.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(policies).toHaveLength(1);
    const behavior = policies[0].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(behavior.ContentSecurityPolicy.ContentSecurityPolicy).toContain("script-src 'self'");
    expect(behavior.ContentSecurityPolicy.ContentSecurityPolicy).not.toContain('unsafe-inline');
    expect(behavior.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true });
    expect(behavior.ReferrerPolicy.ReferrerPolicy).toBe('no-referrer');
    expect(behavior.FrameOptions.FrameOption).toBe('DENY');
    const distribution = Object.values(stateless.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;
    for (const behaviour of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors]) expect(behaviour.ResponseHeadersPolicyId).toBeDefined();
  });

  it('lets failed sign-in counts in the Reference table expire (TTL)', () => {
    const withTtl = stateful.findResources('AWS::DynamoDB::Table', { Properties: { TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } } });
    expect(Object.keys(withTtl)).toHaveLength(1);
  });

  it('retains the user pool and the link secret', () => {
    for (const type of ['AWS::Cognito::UserPool', 'AWS::SecretsManager::Secret']) {
      const resources = Object.values(stateful.findResources(type));
      expect(resources).toHaveLength(1);
      expect(resources[0].DeletionPolicy).toBe('Retain');
      expect(resources[0].UpdateReplacePolicy).toBe('Retain');
    }
  });

  it('lets only admins create users, signs in by username with a strong password, and stores mutable areas', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AliasAttributes: Match.absent(),
      UsernameAttributes: Match.absent(),
      Policies: { PasswordPolicy: { RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'areas', AttributeDataType: 'String', Mutable: true })]),
    });
    const pool = Object.values(stateful.findResources('AWS::Cognito::UserPool'))[0];
    expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has the admin, official and collector groups', () => {
    const groups = Object.values(stateful.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['admin', 'collector', 'official']);
  });

  it('has a client with a secret (held by the API) and user context data, password and SRP auth, that reads custom:areas but cannot write it', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      EnablePropagateAdditionalUserContextData: true,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
      ReadAttributes: Match.arrayWith(['custom:areas']),
    });
    const client = Object.values(stateful.findResources('AWS::Cognito::UserPoolClient'))[0];
    // An absent list would mean "every writable attribute", custom:areas included.
    expect(client.Properties.WriteAttributes).toBeInstanceOf(Array);
    expect(client.Properties.WriteAttributes).not.toContain('custom:areas');
  });

  it('generates a 64-character link-signing secret', () => {
    stateful.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
  });
});

// ---- stateless ----

describe('StatelessStack: stream aggregation', () => {
  it('consumes the Responses stream with bounded retries, bisection, item failures and a DLQ', () => {
    const props = eventSourceMapping();
    expect(props).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ParallelizationFactor: 1,
    });
    const responsesId = statefulIdByType('AWS::DynamoDB::Table', { StreamSpecification: Match.anyValue() });
    expect(props.EventSourceArn['Fn::ImportValue']).toMatch(/StreamArn/);
    expect(statefulIdOf(props.EventSourceArn)).toBe(responsesId);

    const [queueId, attribute] = props.DestinationConfig.OnFailure.Destination['Fn::GetAtt'];
    expect(attribute).toBe('Arn');
    const queue = stateless.toJSON().Resources[queueId];
    expect(queue.Type).toBe('AWS::SQS::Queue');
    expect(queueId).toMatch(/^AggregationDeadLetterQueue/);
    expect(queue.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
  });

  it('lets the stream function write aggregates, send to the DLQ, and nothing else on tables', () => {
    const fn = streamFunctionId();
    const statements = statementsOf(fn);
    const aggregatesId = tableIdFromEnv(fn, 'AGGREGATES_TABLE');
    const responsesId = statefulIdByType('AWS::DynamoDB::Table', { StreamSpecification: Match.anyValue() });
    const referenceId = tableIdFromEnv(apiFunctionId(), 'REFERENCE_TABLE');
    expect(new Set([aggregatesId, responsesId, referenceId]).size).toBe(3);

    expect(writesTo(statements, aggregatesId)).toBe(true);
    expect(writesTo(statements, responsesId)).toBe(false);
    expect(statements.some((s) => reaches(s, referenceId))).toBe(false);
    // Responses is reached only through its stream ARN, with stream-read actions.
    for (const s of statements.filter((st) => reaches(st, responsesId))) {
      expect(JSON.stringify(s.Resource)).toMatch(/StreamArn/);
      expect(actionsOf(s).every((a) => STREAM_ACTION.test(a))).toBe(true);
    }
    const deadLetterQueueArn = eventSourceMapping().DestinationConfig.OnFailure.Destination;
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: deadLetterQueueArn }));
  });

  it('tells the stream function only about the Aggregates table', () => {
    const env = lambdaOf(stateless, streamFunctionId()).Environment.Variables;
    expect(env.AGGREGATES_TABLE).toBeDefined();
    expect(env.RESPONSES_TABLE).toBeUndefined();
    expect(env.REFERENCE_TABLE).toBeUndefined();
  });
});

describe('StatelessStack: API function', () => {
  it('is configured for Cognito, the three tables and the link secret', () => {
    const env = lambdaOf(stateless, apiFunctionId()).Environment.Variables;
    expect(env.AUTH_MODE).toBe('cognito');
    expect(statefulIdOf(env.COGNITO_USER_POOL_ID)).toBe(statefulIdByType('AWS::Cognito::UserPool', {}));
    expect(statefulIdOf(env.COGNITO_CLIENT_ID)).toBe(statefulIdByType('AWS::Cognito::UserPoolClient', {}));
    expect(statefulIdOf(env.LINK_SECRET_ARN)).toBe(statefulIdByType('AWS::SecretsManager::Secret', {}));
    const tables = ['RESPONSES_TABLE', 'AGGREGATES_TABLE', 'REFERENCE_TABLE'].map((name) => tableIdFromEnv(apiFunctionId(), name));
    expect(new Set(tables).size).toBe(3);
  });

  it('may write every table and read the link secret', () => {
    const fn = apiFunctionId();
    const statements = statementsOf(fn);
    for (const name of ['RESPONSES_TABLE', 'AGGREGATES_TABLE', 'REFERENCE_TABLE']) {
      expect(writesTo(statements, tableIdFromEnv(fn, name)), name).toBe(true);
    }
    const secretId = statefulIdByType('AWS::SecretsManager::Secret', {});
    expect(statements.some((s) => reaches(s, secretId) && actionsOf(s).includes('secretsmanager:GetSecretValue'))).toBe(true);
  });

  it('queries the byRoundWard index', () => {
    const responsesId = tableIdFromEnv(apiFunctionId(), 'RESPONSES_TABLE');
    const indexGrant = statementsOf(apiFunctionId()).some(
      (s) =>
        actionsOf(s).includes('dynamodb:Query') && asArray(s.Resource).some((r) => statefulIdsIn(r).has(responsesId) && JSON.stringify(r).includes('/index/*')),
    );
    expect(indexGrant).toBe(true);
  });

  it('has no stream permissions', () => {
    const streamActions = statementsOf(apiFunctionId())
      .flatMap(actionsOf)
      .filter((a) => STREAM_ACTION.test(a));
    expect(streamActions).toEqual([]);
  });
});

describe('StatelessStack: function defaults', () => {
  it('runs both functions on ARM64 / Node 22 with a month of logs', () => {
    for (const id of [apiFunctionId(), streamFunctionId()]) {
      const fn = lambdaOf(stateless, id);
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.Runtime).toBe('nodejs22.x');
      expect(fn.Environment?.Variables?.NODE_OPTIONS ?? '').not.toContain('--enable-source-maps');
      const logGroup = stateless.toJSON().Resources[fn.LoggingConfig.LogGroup.Ref];
      expect(logGroup.Properties.RetentionInDays).toBe(30);
    }
  });
});

describe('StatelessStack: HTTP API', () => {
  it('throttles the default stage', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('throttles the public self-report routes below the rest of the API', () => {
    const stage = Object.values(stateless.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const limits = { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 };
    expect(stage.Properties.RouteSettings).toEqual({ 'GET /api/self/{token}': limits, 'PUT /api/self/{token}': limits });
  });

  it('routes every request to the API function', () => {
    const routes = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(['$default', 'GET /api/self/{token}', 'PUT /api/self/{token}']);
    expect(new Set(routes.map((r) => JSON.stringify(r.Properties.Target))).size).toBe(1);
    const integration = Object.values(stateless.findResources('AWS::ApiGatewayV2::Integration'))[0];
    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  });
});

describe('StatelessStack: web', () => {
  const distribution = () => Object.values(stateless.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;

  it('forwards /api/* to the HTTP API uncached, with every method and all viewer headers but Host', () => {
    const config = distribution();
    const api = config.CacheBehaviors.find((b: Json) => b.PathPattern === '/api/*');
    expect(api).toBeDefined();
    expect(api.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(api.OriginRequestPolicyId).toBe(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']));
    const origin = config.Origins.find((o: Json) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toContain('ApiEndpoint');
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('sends the API a per-deployment origin-verify header that the API function also gets as ORIGIN_VERIFY', () => {
    const config = distribution();
    const api = config.CacheBehaviors.find((b: Json) => b.PathPattern === '/api/*');
    const origin = config.Origins.find((o: Json) => o.Id === api.TargetOriginId);
    const headers = origin.OriginCustomHeaders as { HeaderName: string; HeaderValue: Json }[];
    expect(headers.map((h) => h.HeaderName)).toEqual(['x-phieu-origin-verify']);
    const value = headers[0].HeaderValue;
    expect(lambdaOf(stateless, apiFunctionId()).Environment.Variables.ORIGIN_VERIFY).toEqual(value);
    // A dynamic reference to a secret generated in this stack: the value itself is in no template.
    const rendered = JSON.stringify(value);
    expect(rendered).toContain('{{resolve:secretsmanager:');
    const secrets = stateless.findResources('AWS::SecretsManager::Secret');
    const [secretId] = Object.keys(secrets);
    expect(Object.keys(secrets)).toHaveLength(1);
    expect(rendered).toContain(JSON.stringify({ Ref: secretId }));
    expect(secrets[secretId].Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
    // Only the /api/* origin carries it: the S3 and export origins do not.
    expect(config.Origins.filter((o: Json) => o.OriginCustomHeaders)).toHaveLength(1);
  });

  it('logs API access by route key, never by the raw path that carries link tokens', () => {
    const stages = Object.values(stateless.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const settings = stages[0].Properties.AccessLogSettings;
    const logGroupId = settings.DestinationArn['Fn::GetAtt'][0];
    expect(stateless.toJSON().Resources[logGroupId].Type).toBe('AWS::Logs::LogGroup');
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format.routeKey).toBe('$context.routeKey');
    const variables = Object.values(format).join(' ');
    for (const raw of ['$context.path', '$context.resourcePath', '$context.requestOverride', '$context.domainPrefix']) expect(variables).not.toContain(raw);
    // No v1 standard log on the distribution itself (it would hold every URI), nor real-time logs.
    expect(distribution().Logging).toBeUndefined();
    expect(Object.keys(stateless.findResources('AWS::CloudFront::RealtimeLogConfig'))).toEqual([]);
  });

  it('serves the app from S3 through Origin Access Control', () => {
    const config = distribution();
    expect(config.DefaultRootObject).toBe('index.html');
    const origin = config.Origins.find((o: Json) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    stateless.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    stateless.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('falls back to index.html for client routes without rewriting the API’s 403/404', () => {
    const config = distribution();
    // Custom error responses apply to every behaviour, /api/* included.
    expect(config.CustomErrorResponses).toBeUndefined();
    const [association] = config.DefaultCacheBehavior.FunctionAssociations;
    expect(association.EventType).toBe('viewer-request');
    const fnId = association.FunctionARN['Fn::GetAtt'][0];
    const code: string = stateless.toJSON().Resources[fnId].Properties.FunctionCode;
    const handler = new Function(`${code}; return handler;`)() as (event: Json) => { uri: string };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/collect/households')).toBe('/index.html');
    expect(rewrite('/assets/index-3f2a.js')).toBe('/assets/index-3f2a.js');
    expect(rewrite('/favicon.svg')).toBe('/favicon.svg');
  });

  it('tells the API the viewer address and public host on /api/*, overwriting what a client sent (self-report links)', () => {
    const api = distribution().CacheBehaviors.find((b: Json) => b.PathPattern === '/api/*');
    const [association] = api.FunctionAssociations;
    expect(association.EventType).toBe('viewer-request');
    const code: string = stateless.toJSON().Resources[association.FunctionARN['Fn::GetAtt'][0]].Properties.FunctionCode;
    const handler = new Function(`${code}; return handler;`)() as (event: Json) => { headers: Record<string, { value: string }> };
    const request = handler({
      viewer: { ip: '203.0.113.7' },
      request: { uri: '/api/self/x', headers: { host: { value: 'd111.cloudfront.net' }, 'x-viewer-address': { value: '1.2.3.4' } } },
    });
    expect(request.headers['x-viewer-address']).toEqual({ value: '203.0.113.7' });
    expect(request.headers['x-public-host']).toEqual({ value: 'd111.cloudfront.net' });
  });

  it('deploys the built app and invalidates the distribution', () => {
    stateless.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'] });
  });

  it('keeps the previous builds’ chunks, which an app still open on a phone loads by name', () => {
    stateless.hasResourceProperties('Custom::CDKBucketDeployment', { Prune: false });
  });
});

describe('outputs and tags', () => {
  it('outputs the app URL, API URL, DLQ URL and the Cognito ids', () => {
    const outputs = Object.keys(stateless.toJSON().Outputs);
    expect(outputs).toEqual(expect.arrayContaining(['WebUrl', 'ApiUrl', 'DeadLetterQueueUrl', 'UserPoolId', 'UserPoolClientId']));
  });

  it('tags resources with project=phieu', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', { Tags: Match.arrayWith([{ Key: 'project', Value: 'phieu' }]) });
    stateless.hasResourceProperties('AWS::Lambda::Function', { Tags: Match.arrayWith([{ Key: 'project', Value: 'phieu' }]) });
  });
});

describe('synthesis without a web build', () => {
  it('fails and says to run npm run build:web', () => {
    const missing = join(tmpdir(), 'phieu-no-such-web-dist');
    expect(() => addPhieuStacks(newApp(), { webAssetsPath: missing })).toThrow(/npm run build:web/);
  });
});

describe('StatelessStack: raw export function', () => {
  function exportFunctionId(): string {
    const urls = Object.values(stateless.findResources('AWS::Lambda::Url'));
    expect(urls).toHaveLength(1);
    return urls[0].Properties.TargetFunctionArn['Fn::GetAtt'][0];
  }

  it('streams its response through a function URL and may run for 15 minutes', () => {
    const [url] = Object.values(stateless.findResources('AWS::Lambda::Url'));
    expect(url.Properties).toMatchObject({ InvokeMode: 'RESPONSE_STREAM', AuthType: 'AWS_IAM' });
    const fn = lambdaOf(stateless, exportFunctionId());
    expect(fn.Timeout).toBe(900);
    expect(fn.Environment.Variables.AUTH_MODE).toBe('cognito');
  });

  it('reads Responses and Reference, writes none, and is not told about or granted Aggregates', () => {
    const fn = exportFunctionId();
    const statements = statementsOf(fn);
    for (const name of ['RESPONSES_TABLE', 'REFERENCE_TABLE']) {
      expect(writesTo(statements, tableIdFromEnv(fn, name)), name).toBe(false);
      expect(
        statements.some((s) => reaches(s, tableIdFromEnv(fn, name)) && actionsOf(s).includes('dynamodb:Query')),
        name,
      ).toBe(true);
    }
    expect(lambdaOf(stateless, fn).Environment.Variables.AGGREGATES_TABLE).toBeUndefined();
    const aggregatesId = tableIdFromEnv(streamFunctionId(), 'AGGREGATES_TABLE');
    expect(statements.some((s) => reaches(s, aggregatesId))).toBe(false);
    expect(statements.flatMap(actionsOf).filter((a) => STREAM_ACTION.test(a))).toEqual([]);
  });

  it('gets /api/exports/* from CloudFront, ahead of the /api/* behaviour, uncached with the Authorization header', () => {
    const [distribution] = Object.values(stateless.findResources('AWS::CloudFront::Distribution'));
    const behaviours = distribution.Properties.DistributionConfig.CacheBehaviors as Json[];
    const patterns = behaviours.map((b) => b.PathPattern);
    expect(patterns.indexOf('/api/exports/*')).toBeGreaterThanOrEqual(0);
    expect(patterns.indexOf('/api/exports/*')).toBeLessThan(patterns.indexOf('/api/*'));
    const exportsBehaviour = behaviours.find((b) => b.PathPattern === '/api/exports/*')!;
    expect(exportsBehaviour.CachePolicyId).toBe(behaviours.find((b) => b.PathPattern === '/api/*')!.CachePolicyId);
    expect(exportsBehaviour.OriginRequestPolicyId).toBe(behaviours.find((b) => b.PathPattern === '/api/*')!.OriginRequestPolicyId);
  });
});
