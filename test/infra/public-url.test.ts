// The API's PUBLIC_URL, the only source of self-report link URLs: set in every deployment, from the custom domain
// when there is one, else from the distribution's own name.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPhieuStacks } from '../../infra/stacks/phieu';

type Json = any; // CloudFormation template fragments
const CDK_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;
let webDir: string;

beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), 'phieu-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Phiếu</title>');
});
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

function apiEnvironment(context: Record<string, string> = {}): Record<string, Json> {
  const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } });
  const template = Template.fromStack(addPhieuStacks(app, { webAssetsPath: webDir }).stateless).toJSON();
  const api = Object.values(template.Resources as Record<string, Json>).find(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === 'Phiếu HTTP API (Hono)',
  );
  return api.Properties.Environment.Variables;
}

describe('PUBLIC_URL of the API function', () => {
  it("is the distribution's https name without a custom domain", () => {
    const url = apiEnvironment().PUBLIC_URL;
    expect(JSON.stringify(url)).toContain('DomainName');
    expect(url['Fn::Join'][1][0]).toBe('https://');
  });

  it('is the custom domain when there is one', () => {
    const env = apiEnvironment({ domainName: 'phieu.example.vn', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' });
    expect(env.PUBLIC_URL).toBe('https://phieu.example.vn');
  });
});
