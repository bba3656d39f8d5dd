// cdk-nag's AwsSolutions rules over every Phiếu stack: no error or warning may stand unless it is acknowledged,
// and every acknowledgement says why (infra/stacks/nag-acknowledgements.ts).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { addPhieuStacks } from '../../infra/stacks/phieu';

const CDK_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;
const webDir = mkdtempSync(join(tmpdir(), 'phieu-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Phiếu</title>');
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

function checkedApp(context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } });
  addPhieuStacks(app, { webAssetsPath: webDir, alarmEmail: 'ops@example.vn' });
  app.synth();
  const report = new AwsSolutionsChecks().validateScope(app);
  const findings = report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.ruleName} (${v.severity}) ${r.constructPath ?? r.resourceLogicalId} `),
  );
  return { app, findings };
}

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
    );
}

describe('cdk-nag AwsSolutions over the four stacks', () => {
  it('finds nothing unacknowledged, with and without a custom domain', () => {
    expect(checkedApp().findings).toEqual([]);
    const withDomain = checkedApp({ domainName: 'phieu.example.vn', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' });
    expect(withDomain.findings).toEqual([]);
    const acks = acknowledgements(withDomain.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) expect(ack.reason.trim().length, `${ack.id} on ${ack.path} says why`).toBeGreaterThanOrEqual(30);
  });
});
