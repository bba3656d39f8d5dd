// PhieuFunction bundles its entry at synthesis into one asset directory: index.mjs and, beside it, a chunk for what
// only import() reaches, each with its source map (lambda-bundling.ts). The stacks' tests skip bundling; this one
// bundles a two-file fixture for real (local esbuild, no Docker).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhieuFunction } from '../../infra/constructs/phieu-function';

let dir: string;
let fn: Record<string, any>; // CloudFormation properties
let assetFiles: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phieu-fn-'));
  const project = join(dir, 'project');
  const outdir = join(dir, 'cdk.out');
  mkdirSync(join(project, 'functions'), { recursive: true });
  writeFileSync(join(project, 'functions', 'probe.ts'), "export const handler = async () => (await import('./rarely-used')).answer();\n");
  writeFileSync(join(project, 'functions', 'rarely-used.ts'), "export const answer = () => 'RARELY_USED';\n");
  const app = new App({ outdir });
  const stack = new Stack(app, 'Probe', { env: { region: 'ap-southeast-1' } });
  new PhieuFunction(stack, 'Probe', { projectRoot: project, entry: 'functions/probe.ts', description: 'probe' });
  app.synth();
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  fn = Object.values(resources)[0].Properties;
  const key: string = fn.Code.S3Key;
  const assetDir = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
  assetFiles = existsSync(assetDir) ? readdirSync(assetDir) : [];
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PhieuFunction', () => {
  it('runs index.handler on Node 22 / arm64 without --enable-source-maps', () => {
    expect(fn.Handler).toBe('index.handler');
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Environment?.Variables?.NODE_OPTIONS ?? '').not.toContain('--enable-source-maps');
  });

  it('ships index.mjs and the lazily imported chunk beside it, each with its map', () => {
    expect(assetFiles).toContain('index.mjs');
    expect(assetFiles).toContain('index.mjs.map');
    const chunk = assetFiles.find((file) => file.startsWith('rarely-used-') && file.endsWith('.mjs'));
    expect(chunk).toBeDefined();
    expect(assetFiles).toContain(`${chunk}.map`);
  });
});
