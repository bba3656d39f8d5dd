// CDK assertions on exports as jobs: the private, encrypted, expiring bucket (stateful) and the worker function
// with its grants, invoked asynchronously by the API without retries (stateless).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPhieuStacks } from '../../infra/stacks/phieu';

const CDK_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;
let webDir: string;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), 'phieu-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Phiếu</title>');
  const stacks = addPhieuStacks(new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } }), { webAssetsPath: webDir });
  stateful = Template.fromStack(stacks.stateful);
  stateless = Template.fromStack(stacks.stateless);
});
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

type Json = any; // CloudFormation template fragments

function functionWithEnv(name: string): [string, Json] {
  const found = Object.entries(stateless.findResources('AWS::Lambda::Function')).filter(([, fn]) => fn.Properties.Environment?.Variables?.[name]);
  return found[0] as [string, Json];
}

function actionsOf(roleRef: string): string[] {
  const policies = Object.values(stateless.findResources('AWS::IAM::Policy')).filter((p: Json) => JSON.stringify(p.Properties.Roles).includes(roleRef));
  return policies.flatMap((p: Json) => p.Properties.PolicyDocument.Statement.flatMap((s: Json) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

describe('exports as jobs in AWS', () => {
  it('keeps export files in a private, encrypted, TLS-only bucket that expires them and is retained', () => {
    const buckets = Object.values(stateful.findResources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(1);
    const [bucket] = buckets as Json[];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ Status: 'Enabled', Prefix: 'exports/', ExpirationInDays: 7, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    ]);
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('runs the worker for 15 minutes with 2 GB, invoked asynchronously by the API without retries', () => {
    const worker = Object.entries(stateless.findResources('AWS::Lambda::Function')).find(([, fn]: [string, Json]) =>
      String(fn.Properties.Description).includes('export jobs'),
    )!;
    expect(worker[1].Properties).toMatchObject({ Timeout: 900, MemorySize: 2048 });
    expect(worker[1].Properties.Environment.Variables.EXPORTS_BUCKET).toBeDefined();
    stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0, FunctionName: { Ref: worker[0] } });

    const [, api] = functionWithEnv('EXPORT_WORKER_FUNCTION');
    expect(api.Properties.Environment.Variables.EXPORT_WORKER_FUNCTION).toEqual({ Ref: worker[0] });
    const apiRole = api.Properties.Role['Fn::GetAtt'][0];
    expect(actionsOf(apiRole)).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 's3:GetObject*']));
    expect(actionsOf(apiRole)).not.toContain('s3:PutObject');

    const workerRole = worker[1].Properties.Role['Fn::GetAtt'][0];
    expect(actionsOf(workerRole)).toEqual(expect.arrayContaining(['s3:PutObject', 's3:Abort*', 'dynamodb:UpdateItem', 'dynamodb:Query']));
  });
});
