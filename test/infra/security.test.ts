// CDK assertions on the controls a security reviewer checks ("Ready for the open internet"): WAF at the edge, the
// API and export only through CloudFront, access logs without link tokens, customer-managed keys, secret rotation,
// TLS, Cognito MFA and threat protection, reserved concurrency. See docs/security.md for what each one stops.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EDGE_RATE_LIMITS } from '../../infra/constructs/edge-web-acl';
import { DISTRIBUTION_LOG_FIELDS, DISTRIBUTION_LOG_FORBIDDEN_FIELDS } from '../../infra/stacks/edge-logs-stack';
import { addPhieuStacks } from '../../infra/stacks/phieu';
import { DEFAULT_RESERVED_CONCURRENCY } from '../../infra/stacks/stateless-stack';

type Json = any; // CloudFormation template fragments
const CDK_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;
const DOMAIN = { domainName: 'phieu.example.vn', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' };

let webDir: string;
function synth(context: Record<string, unknown> = {}) {
  const stacks = addPhieuStacks(new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } }), { webAssetsPath: webDir });
  return {
    stacks,
    edge: Template.fromStack(stacks.edge),
    stateful: Template.fromStack(stacks.stateful),
    stateless: Template.fromStack(stacks.stateless),
    edgeLogs: Template.fromStack(stacks.edgeLogs),
  };
}
let t: ReturnType<typeof synth>;

beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), 'phieu-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Phiếu</title>');
  t = synth();
});
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

const only = (template: Template, type: string): { id: string; props: Json; resource: Json } => {
  const found = Object.entries(template.findResources(type));
  expect(found, `one ${type}`).toHaveLength(1);
  return { id: found[0][0], props: found[0][1].Properties, resource: found[0][1] };
};
const distributionConfig = (template: Template) => only(template, 'AWS::CloudFront::Distribution').props.DistributionConfig;
const functionByDescription = (template: Template, description: RegExp): Json => {
  const found = Object.values(template.findResources('AWS::Lambda::Function')).filter((f: Json) => description.test(f.Properties.Description ?? ''));
  expect(found).toHaveLength(1);
  return found[0].Properties;
};

describe('WAF on the distribution', () => {
  it('lives in us-east-1 with CloudFront scope, while the data stays in the app region', () => {
    expect(t.stacks.edge.region).toBe('us-east-1');
    expect(t.stacks.edgeLogs.region).toBe('us-east-1');
    expect(t.stacks.stateful.region).toBe('ap-southeast-1');
    expect(t.stacks.stateless.region).toBe('ap-southeast-1');
    expect(only(t.edge, 'AWS::WAFv2::WebACL').props.Scope).toBe('CLOUDFRONT');
    expect(synth({ region: 'ap-southeast-2' }).stacks.stateful.region).toBe('ap-southeast-2');
  });

  it('is the distribution’s web ACL, through a cross-region reference', () => {
    const webAclId = distributionConfig(t.stateless).WebACLId;
    expect(JSON.stringify(webAclId)).toMatch(/CrossRegion|ExportsReader/);
    expect(t.stacks.stateless.dependencies).toContain(t.stacks.edge);
  });

  it('rate-limits per address, tighter on /api/session and /api/self/*', () => {
    const rules = only(t.edge, 'AWS::WAFv2::WebACL').props.Rules as Json[];
    const rate = (scopePath?: string) =>
      rules.find((r) => r.Statement.RateBasedStatement && r.Statement.RateBasedStatement.ScopeDownStatement?.ByteMatchStatement?.SearchString === scopePath);
    const all = rules.find((r) => r.Statement.RateBasedStatement && !r.Statement.RateBasedStatement.ScopeDownStatement);
    const session = rate('/api/session');
    const self = rate('/api/self/');
    for (const rule of [all, session, self]) {
      expect(rule.Action).toEqual({ Block: {} });
      expect(rule.Statement.RateBasedStatement.AggregateKeyType).toBe('IP');
    }
    for (const rule of [session, self]) expect(rule.Statement.RateBasedStatement.ScopeDownStatement.ByteMatchStatement.FieldToMatch).toEqual({ UriPath: {} });
    expect(session.Statement.RateBasedStatement.Limit).toBeLessThan(all.Statement.RateBasedStatement.Limit);
    expect(self.Statement.RateBasedStatement.Limit).toBeLessThan(all.Statement.RateBasedStatement.Limit);
    // The tight rules are evaluated first.
    expect(session.Priority).toBeLessThan(all.Priority);
    expect(self.Priority).toBeLessThan(all.Priority);
    expect(session.Statement.RateBasedStatement.Limit).toBe(DEFAULT_EDGE_RATE_LIMITS.session);
    const tuned = only(synth({ wafSessionRateLimit: '40' }).edge, 'AWS::WAFv2::WebACL').props.Rules as Json[];
    expect(tuned.find((r) => r.Name === session.Name).Statement.RateBasedStatement.Limit).toBe(40);
  });

  it('applies the AWS managed common rule set and known-bad-inputs rule group', () => {
    const rules = only(t.edge, 'AWS::WAFv2::WebACL').props.Rules as Json[];
    const managed = rules.filter((r) => r.Statement.ManagedRuleGroupStatement).map((r) => r.Statement.ManagedRuleGroupStatement);
    expect(managed.map((m) => `${m.VendorName}/${m.Name}`).sort()).toEqual(['AWS/AWSManagedRulesCommonRuleSet', 'AWS/AWSManagedRulesKnownBadInputsRuleSet']);
    for (const rule of rules.filter((r) => r.Statement.ManagedRuleGroupStatement)) expect(rule.OverrideAction).toEqual({ None: {} });
  });
});

describe('the API and the export answer only through CloudFront', () => {
  it('sends the origin-verify header the API function checks (functions/lib/http/origin-guard.ts)', () => {
    const config = distributionConfig(t.stateless);
    const apiOrigin = config.Origins.find((o: Json) => o.OriginCustomHeaders);
    expect(apiOrigin.OriginCustomHeaders.map((h: Json) => h.HeaderName)).toEqual(['x-phieu-origin-verify']);
    expect(apiOrigin.CustomOriginConfig.OriginSSLProtocols).toEqual(['TLSv1.2']);
    const api = functionByDescription(t.stateless, /Phiếu HTTP API/);
    expect(api.Environment.Variables.ORIGIN_VERIFY).toEqual(apiOrigin.OriginCustomHeaders[0].HeaderValue);
  });

  it('puts the export function URL behind origin access control with AWS_IAM auth', () => {
    const url = only(t.stateless, 'AWS::Lambda::Url').props;
    expect(url.AuthType).toBe('AWS_IAM');
    const config = distributionConfig(t.stateless);
    const exportsBehaviour = config.CacheBehaviors.find((b: Json) => b.PathPattern === '/api/exports/*');
    const origin = config.Origins.find((o: Json) => o.Id === exportsBehaviour.TargetOriginId);
    const oacId = origin.OriginAccessControlId['Fn::GetAtt'][0];
    const oac = t.stateless.toJSON().Resources[oacId].Properties.OriginAccessControlConfig;
    expect(oac).toMatchObject({ OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    // Only CloudFront, and only this distribution, may invoke the URL.
    t.stateless.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      Principal: 'cloudfront.amazonaws.com',
      SourceArn: Match.anyValue(),
    });
    // The viewer's bearer token travels past the signature in x-phieu-authorization.
    const [association] = exportsBehaviour.FunctionAssociations;
    const code: string = t.stateless.toJSON().Resources[association.FunctionARN['Fn::GetAtt'][0]].Properties.FunctionCode;
    const handler = new Function(`${code}; return handler;`)() as (event: Json) => { headers: Record<string, { value: string }> };
    expect(handler({ request: { headers: { authorization: { value: 'Bearer t' } } } }).headers['x-phieu-authorization']).toEqual({ value: 'Bearer t' });
    expect(handler({ request: { headers: { 'x-phieu-authorization': { value: 'forged' } } } }).headers['x-phieu-authorization']).toBeUndefined();
  });

  it('reserves concurrency for the API and export functions, configurable by context', () => {
    expect(functionByDescription(t.stateless, /Phiếu HTTP API/).ReservedConcurrentExecutions).toBe(DEFAULT_RESERVED_CONCURRENCY.api);
    expect(functionByDescription(t.stateless, /raw responses export/).ReservedConcurrentExecutions).toBe(DEFAULT_RESERVED_CONCURRENCY.export);
    const tuned = synth({ apiReservedConcurrency: '20', exportReservedConcurrency: 1 }).stateless;
    expect(functionByDescription(tuned, /Phiếu HTTP API/).ReservedConcurrentExecutions).toBe(20);
    expect(functionByDescription(tuned, /raw responses export/).ReservedConcurrentExecutions).toBe(1);
    expect(() => synth({ apiReservedConcurrency: 'many' })).toThrow(/apiReservedConcurrency/);
  });
});

describe('access logs without link tokens', () => {
  it('delivers CloudFront standard logs (v2) of the distribution without URI, query, referer or cookies', () => {
    const source = only(t.edgeLogs, 'AWS::Logs::DeliverySource').props;
    expect(source.LogType).toBe('ACCESS_LOGS');
    expect(JSON.stringify(source.ResourceArn)).toContain(':distribution/');
    const delivery = only(t.edgeLogs, 'AWS::Logs::Delivery').props;
    expect(delivery.RecordFields).toEqual([...DISTRIBUTION_LOG_FIELDS]);
    for (const field of DISTRIBUTION_LOG_FORBIDDEN_FIELDS) expect(delivery.RecordFields).not.toContain(field);
    for (const field of ['cs-uri-stem', 'cs-uri-query', 'cs(Referer)']) expect(DISTRIBUTION_LOG_FORBIDDEN_FIELDS).toContain(field);
    const destination = only(t.edgeLogs, 'AWS::Logs::DeliveryDestination').props;
    expect(destination.DestinationResourceArn['Fn::GetAtt'][0]).toBe(only(t.edgeLogs, 'AWS::Logs::LogGroup').id);
    expect(t.stacks.edgeLogs.dependencies).toContain(t.stacks.stateless);
  });

  it('logs the API stage by route key (asserted in stacks.test.ts) into a KMS-encrypted group', () => {
    const stage = only(t.stateless, 'AWS::ApiGatewayV2::Stage').props;
    const group = t.stateless.toJSON().Resources[stage.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]];
    expect(group.Properties.KmsKeyId).toBeDefined();
    expect(stage.AccessLogSettings.Format).toContain('$context.routeKey');
    expect(stage.AccessLogSettings.Format).not.toMatch(/\$context\.path\b/);
  });
});

describe('customer-managed keys', () => {
  const keyIds = (template: Template) => Object.keys(template.findResources('AWS::KMS::Key'));

  it('rotates every key and retains it', () => {
    for (const template of [t.stateful, t.stateless, t.edgeLogs]) {
      const keys = Object.values(template.findResources('AWS::KMS::Key')) as Json[];
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key.Properties.EnableKeyRotation).toBe(true);
        expect(key.DeletionPolicy).toBe('Retain');
      }
    }
  });

  it('encrypts the tables and the link secret with the stateful stack’s key', () => {
    const ids = keyIds(t.stateful);
    for (const table of Object.values(t.stateful.findResources('AWS::DynamoDB::Table')) as Json[]) {
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(ids).toContain(table.Properties.SSESpecification.KMSMasterKeyId['Fn::GetAtt'][0]);
    }
    const secret = only(t.stateful, 'AWS::SecretsManager::Secret').props;
    expect(ids).toContain(secret.KmsKeyId['Fn::GetAtt'][0]);
  });

  it('encrypts the origin-verify secret, the alarm topic and every log group', () => {
    const ids = keyIds(t.stateless);
    expect(ids).toContain(only(t.stateless, 'AWS::SecretsManager::Secret').props.KmsKeyId['Fn::GetAtt'][0]);
    expect(ids).toContain(only(t.stateless, 'AWS::SNS::Topic').props.KmsMasterKeyId['Fn::GetAtt'][0]);
    for (const template of [t.stateful, t.stateless, t.edgeLogs]) {
      const local = keyIds(template);
      const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as Json[];
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) expect(local).toContain(group.Properties.KmsKeyId['Fn::GetAtt'][0]);
    }
  });

  it('lets the functions use the tables’ key: decrypt to read, encrypt too to write', () => {
    const policies = JSON.stringify(t.stateless.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('kms:Decrypt');
    expect(policies).toContain('kms:GenerateDataKey*');
  });
});

describe('secret rotation', () => {
  it('rotates the link-signing key on a schedule, not at deploy', () => {
    const schedule = only(t.stateful, 'AWS::SecretsManager::RotationSchedule').props;
    expect(schedule.SecretId.Ref).toBe(only(t.stateful, 'AWS::SecretsManager::Secret').id);
    expect(schedule.RotationRules.ScheduleExpression).toBe('rate(90 days)');
    expect(schedule.RotateImmediatelyOnUpdate).toBe(false);
    expect(functionByDescription(t.stateful, /rotates the link-signing key/)).toBeDefined();
    expect(only(synth({ linkKeyRotationDays: '180' }).stateful, 'AWS::SecretsManager::RotationSchedule').props.RotationRules.ScheduleExpression).toBe(
      'rate(180 days)',
    );
  });

  it('rotates the origin-verify value with a function that may update only the API function and this distribution', () => {
    const schedule = only(t.stateless, 'AWS::SecretsManager::RotationSchedule').props;
    expect(schedule.SecretId.Ref).toBe(only(t.stateless, 'AWS::SecretsManager::Secret').id);
    const rotation = functionByDescription(t.stateless, /rotates the origin-verify value/);
    expect(rotation.Environment.Variables).toMatchObject({ ORIGIN_VERIFY_HEADER: 'x-phieu-origin-verify' });
    const roleId = rotation.Role['Fn::GetAtt'][0];
    const statements = (Object.values(t.stateless.findResources('AWS::IAM::Policy')) as Json[])
      .filter((p) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const update = statements.find((s: Json) => [s.Action].flat().includes('cloudfront:UpdateDistribution'));
    expect(JSON.stringify(update.Resource)).toContain(only(t.stateless, 'AWS::CloudFront::Distribution').id);
    const lambdaUpdate = statements.find((s: Json) => [s.Action].flat().includes('lambda:UpdateFunctionConfiguration'));
    expect(lambdaUpdate.Resource['Fn::GetAtt'][1]).toBe('Arn');
  });
});

describe('TLS and the custom domain', () => {
  it('requires TLS 1.2 from viewers with the domain and certificate of the context', () => {
    const config = distributionConfig(synth(DOMAIN).stateless);
    expect(config.Aliases).toEqual([DOMAIN.domainName]);
    expect(config.ViewerCertificate).toMatchObject({
      AcmCertificateArn: DOMAIN.certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });

  it('refuses half a domain, or a certificate outside us-east-1', () => {
    expect(() => synth({ domainName: DOMAIN.domainName })).toThrow(/go together/);
    expect(() => synth({ ...DOMAIN, certificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/abc' })).toThrow(/us-east-1/);
  });

  it('redirects or refuses plain HTTP on every behaviour', () => {
    const config = distributionConfig(t.stateless);
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(['redirect-to-https', 'https-only']).toContain(behaviour.ViewerProtocolPolicy);
  });
});

describe('Cognito', () => {
  it('offers TOTP MFA (no SMS) and runs threat protection in full-function mode', () => {
    const pool = only(t.stateful, 'AWS::Cognito::UserPool').props;
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  it('keeps ID tokens at 15 minutes and refresh tokens at the 12-hour session limit, revocable', () => {
    const client = only(t.stateful, 'AWS::Cognito::UserPoolClient').props;
    expect(client.IdTokenValidity).toBe(15);
    expect(client.TokenValidityUnits.IdToken).toBe('minutes');
    expect(client.RefreshTokenValidity).toBe(12 * 60);
    expect(client.TokenValidityUnits.RefreshToken).toBe('minutes');
    expect(client.EnableTokenRevocation).toBe(true);
  });

  it("lets the API function end a user's sessions and change or remove the user, on the pool only", () => {
    const statements = Object.values(t.stateless.findResources('AWS::IAM::Policy')).flatMap((policy: Json) => policy.Properties.PolicyDocument.Statement);
    const cognito = statements.filter((statement: Json) => [statement.Action].flat().some((action: string) => action.startsWith('cognito-idp:')));
    expect(cognito).toHaveLength(1);
    expect([cognito[0].Action].flat()).toEqual(
      expect.arrayContaining(['cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminDeleteUser']),
    );
    expect(JSON.stringify(cognito[0].Resource)).toContain('UserPool');
    expect(cognito[0].Resource).not.toBe('*');
  });
});
