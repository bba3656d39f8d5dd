// The raw responses export: long and wide shapes parse with a standard CSV parser, Vietnamese intact,
// formula-like text neutralised, deleted responses left out, admins only.
import { randomUUID } from 'node:crypto';
import { HOUSEHOLD_FORM } from '@shared/survey/form';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportColumns } from '../../functions/lib/services/exports/response-rows';
import { adult, child, responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const authed = async (path: string, username: string, init: RequestInit = {}) =>
  t.app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

async function put(body = responseBody(), id = randomUUID()) {
  const collector = body.wardCode === '14809' ? 'collector-14809' : 'collector-14815';
  const res = await authed(`/api/responses/${id}`, collector, { method: 'PUT', body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return id;
}

async function exportCsv(query: string, username = 'admin') {
  const res = await authed(`/api/exports/responses.csv?${query}`, username);
  const bytes = res.status === 200 ? new Uint8Array(await res.arrayBuffer()) : new Uint8Array();
  // Response.text() would drop a BOM: decode by hand to see it.
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

const records = (text: string): Record<string, string>[] => parse(text, { bom: true, columns: true });

describe('raw responses export', () => {
  it('is long by default: one row per member with the household repeated, a BOM, Vietnamese intact', async () => {
    const first = await put(responseBody({ householdCode: 'LS-001', members: [adult(), child()] }));
    await put(responseBody({ wardCode: '14809', villageCode: '14809-khu-pho-2', members: [adult({ name: 'Đỗ Thị Ánh' })] }));
    const { res, bytes, text } = await exportCsv('roundId=cds-2024');
    expect(res.status).toBe(200);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('phieu-responses-cds-2024-long.csv');
    const rows = records(text);
    expect(rows).toHaveLength(3);
    const ofFirst = rows.filter((r) => r.response_id === first);
    expect(ofFirst.map((r) => r.member_index)).toEqual(['1', '2']);
    for (const row of ofFirst) {
      expect(row).toMatchObject({
        ward_name: 'Phường Lam Sơn',
        village_name: 'Khu phố 1',
        household_code: 'LS-001',
        head_name: 'Nguyễn Văn Đức',
        fiber_broadband: '1',
        business_household: '0',
        ecommerce_shop: '',
        members_count: '2',
      });
    }
    expect(ofFirst[0]).toMatchObject({
      member_name: 'Trần Thị Bình',
      member_birth_year: '1984',
      member_has_smartphone: '1',
      member_has_digital_signature: '0',
    });
    // A child is not asked the 15+ questions: empty, not 0.
    expect(ofFirst[1]).toMatchObject({ member_name: 'Bé Na', member_has_smartphone: '' });
    expect(rows.find((r) => r.ward_code === '14809')!.member_name).toBe('Đỗ Thị Ánh');
  });

  it('is one row per household when wide, members side by side up to the form maximum', async () => {
    await put(responseBody({ members: [adult(), child()] }));
    await put(responseBody({ members: [adult()] }));
    const { res, text } = await exportCsv('roundId=cds-2024&shape=wide');
    expect(res.headers.get('content-disposition')).toContain('-wide.csv');
    const rows = records(text);
    expect(rows).toHaveLength(2);
    const columns = Object.keys(rows[0]);
    expect(columns).toContain(`m${HOUSEHOLD_FORM.maxMembers}_birth_year`);
    const two = rows.find((r) => r.members_count === '2')!;
    expect(two).toMatchObject({ m1_name: 'Trần Thị Bình', m2_name: 'Bé Na', m2_birth_year: '2014', m3_birth_year: '' });
  });

  it('leaves deleted responses out and shows the latest version of an edited one', async () => {
    const kept = await put();
    const gone = await put();
    expect((await authed(`/api/responses/${gone}`, 'collector-14815', { method: 'DELETE', headers: { 'if-match': '1' } })).status).toBe(204);
    const edited = responseBody({ household: { ...responseBody().household, head_name: 'Phạm Văn Sửa' } });
    expect(
      (await authed(`/api/responses/${kept}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(edited), headers: { 'if-match': '1' } })).status,
    ).toBe(200);
    const rows = records((await exportCsv('roundId=cds-2024&shape=wide')).text);
    expect(rows.map((r) => [r.response_id, r.head_name, r.version])).toEqual([[kept, 'Phạm Văn Sửa', '2']]);
  });

  it('neutralises text that a spreadsheet would run as a formula', async () => {
    await put(
      responseBody({
        household: { ...responseBody().household, head_name: '=cmd|calc', address: '+Số 5', phone: undefined },
        members: [adult({ name: '@Tên' })],
      }),
    );
    const [row] = records((await exportCsv('roundId=cds-2024')).text);
    expect(row).toMatchObject({ head_name: "'=cmd|calc", address: "'+Số 5", member_name: "'@Tên" });
  });

  it('keeps the export to admins and checks the query', async () => {
    expect((await exportCsv('roundId=cds-2024', 'official')).res.status).toBe(403);
    expect((await exportCsv('roundId=cds-2024', 'collector-14815')).res.status).toBe(403);
    expect((await t.app.request('/api/exports/responses.csv?roundId=cds-2024')).status).toBe(401);
    expect((await exportCsv('roundId=cds-2024&shape=tall')).res.status).toBe(400);
    expect((await exportCsv('roundId=nope')).res.status).toBe(400);
    const empty = await exportCsv('roundId=cds-2024');
    expect(records(empty.text)).toEqual([]);
    expect(empty.text.split('\r\n')[0]).toBe(`\uFEFF${exportColumns('long').join(',')}`);
  });
});

describe('raw export failures', () => {
  it('cuts the stream short with an error when a read fails midway, never a complete-looking file', async () => {
    const { responsesCsvStream } = await import('../../functions/lib/services/exports/responses-csv');
    const { AreaTree } = await import('@shared/areas/areas');
    const { BIM_SON_AREAS } = await import('@shared/areas/bim-son');
    const failing = {
      async *listAllInWard() {
        yield {
          ...(await import('../support/fold-harness')).storedItem('r1', 'cds-2024', '14815', '14815-khu-pho-1', 1, {
            household: responseBody().household,
            members: [adult()],
          } as never),
        };
        throw new Error('ProvisionedThroughputExceeded');
      },
    };
    const ends: { rows: number; error?: unknown }[] = [];
    const stream = responsesCsvStream({
      responses: failing,
      tree: new AreaTree(BIM_SON_AREAS),
      roundId: 'cds-2024',
      wardCodes: ['14815'],
      shape: 'long',
      onEnd: (o) => ends.push(o),
    });
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toThrow('ProvisionedThroughputExceeded');
    expect(ends).toEqual([{ rows: 1, error: expect.any(Error) }]);
  });
});

describe('the export function app', () => {
  it('is the only place the Lambda API serves exports from: the API app leaves them out unless asked (local server)', async () => {
    const { createApp } = await import('../../functions/lib/app/create-app');
    const { createLocalIdentity } = await import('../../functions/lib/auth/local-identity');
    const identity = await createLocalIdentity(t.repo.reference, 'http://test.local/local-idp');
    const token = (await identity.signIn('admin', 'test-password')).token;
    const deps = { repo: t.repo, identity, clock: () => new Date(), aggregateSlots: 4, publicUrl: 'http://localhost' };
    const path = '/api/exports/responses.csv?roundId=cds-2024';
    const lambdaApi = createApp(deps, { log: () => {} });
    expect((await lambdaApi.request(path, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    const localApi = createApp(deps, { log: () => {}, serveExports: true });
    expect((await localApi.request(path, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('serves the export and nothing else, with the same login check', async () => {
    const { createExportApp } = await import('../../functions/lib/app/create-export-app');
    const { createLocalIdentity } = await import('../../functions/lib/auth/local-identity');
    const identity = await createLocalIdentity(t.repo.reference, 'http://test.local/local-idp');
    const exportApp = createExportApp({ repo: t.repo, identity, clock: () => new Date() }, { log: () => {} });
    const token = (await identity.signIn('admin', 'test-password')).token;
    await put();
    const ok = await exportApp.request('/api/exports/responses.csv?roundId=cds-2024', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(records(new TextDecoder().decode(await ok.arrayBuffer()))).toHaveLength(2);
    expect((await exportApp.request('/api/exports/responses.csv?roundId=cds-2024')).status).toBe(401);
    expect((await exportApp.request('/api/links', { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });
});
