// A response's history (derived from the stream's images, readable after the fold) and who may read it; likely
// duplicate households listed for the ward's reviewers and resolved by merge or keep.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});

async function call(path: string, username: string, init: RequestInit & { json?: unknown; ifMatch?: number } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json' };
  if (init.ifMatch !== undefined) headers['if-match'] = String(init.ifMatch);
  return t.app.request(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
}

const history = async (id: string, username: string) => call(`/api/responses/${id}/history`, username);

describe('GET /api/responses/{id}/history', () => {
  it('lists create, edit and delete with who, when and which fields changed from what to what', async () => {
    const id = randomUUID();
    expect((await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: responseBody() })).status).toBe(201);
    const edited = responseBody({ household: { ...responseBody().household, fiber_broadband: false } });
    expect((await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: edited, ifMatch: 1 })).status).toBe(200);
    expect((await call(`/api/responses/${id}`, 'collector-14815', { method: 'DELETE', ifMatch: 2 })).status).toBe(204);
    await t.foldPending();
    const res = await history(id, 'collector-14815');
    expect(res.status).toBe(200);
    const { history: entries } = await res.json();
    expect(entries.map((e: { action: string; version: number }) => [e.action, e.version])).toEqual([
      ['create', 1],
      ['edit', 2],
      ['delete', 3],
    ]);
    expect(entries[1]).toMatchObject({
      by: 'collector-14815',
      at: '2026-11-24T08:00:00.000Z',
      changes: [{ path: 'household.fiber_broadband', from: true, to: false }],
    });
    expect(entries[0].changes).toContainEqual({ path: 'household.head_name', from: null, to: 'Nguyễn Văn Đức' });
  });

  it('appends nothing twice when the stream delivers a record again', async () => {
    const id = randomUUID();
    await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: responseBody() });
    await t.foldPending();
    const { recordHistory } = await import('../../functions/lib/services/history/record-history');
    await recordHistory(t.repo.changes, t.repo.history);
    expect((await (await history(id, 'admin')).json()).history).toHaveLength(1);
  });

  it('is read by the collector who wrote it, officials and admins of the ward; not by others', async () => {
    const id = randomUUID();
    await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: responseBody() });
    await t.foldPending();
    for (const reader of ['collector-14815', 'official', 'official-14815', 'admin']) expect((await history(id, reader)).status).toBe(200);
    expect((await history(id, 'collector-14809')).status).toBe(403);
    expect((await history(randomUUID(), 'admin')).status).toBe(404);
  });

  it('records an admin correction after close with its reason', async () => {
    const id = randomUUID();
    await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: responseBody() });
    t.clock.now = new Date('2028-01-05T00:00:00Z');
    const edited = responseBody({ household: { ...responseBody().household, phone: '0987654321' } });
    expect((await call(`/api/responses/${id}?reason=S%E1%BB%91%20sai`, 'admin', { method: 'PUT', json: edited, ifMatch: 1 })).status).toBe(200);
    await t.foldPending();
    const entries = (await (await history(id, 'admin')).json()).history;
    expect(entries[1]).toMatchObject({
      action: 'edit',
      by: 'admin',
      reason: 'Số sai',
      changes: [{ path: 'household.phone', from: '0912345678', to: '0987654321' }],
    });
  });
});

describe('likely duplicates', () => {
  async function twoLookAlikes() {
    const a = randomUUID();
    const b = randomUUID();
    await call(`/api/responses/${a}`, 'collector-14815', { method: 'PUT', json: responseBody() });
    const second = responseBody({ household: { ...responseBody().household, head_name: 'NGUYEN VAN DUC', address: 'so 5 Tran Phu' } });
    await call(`/api/responses/${b}`, 'admin', { method: 'PUT', json: second });
    return [a, b].sort() as [string, string];
  }
  const list = (username = 'official-14815') => call('/api/duplicates?roundId=cds-2024&wardCode=14815', username);

  it('lists look-alike households without a roster code for the ward reviewer, never to a collector or another ward', async () => {
    const [a, b] = await twoLookAlikes();
    const res = await list();
    expect(res.status).toBe(200);
    const { pairs } = await res.json();
    expect(pairs).toEqual([expect.objectContaining({ a, b, villageCode: '14815-khu-pho-1', why: ['name', 'address', 'phone'] })]);
    expect([pairs[0].households[a].headName, pairs[0].households[b].headName].sort()).toEqual(['NGUYEN VAN DUC', 'Nguyễn Văn Đức']);
    expect((await list('collector-14815')).status).toBe(403);
    expect((await call('/api/duplicates?roundId=cds-2024&wardCode=14809', 'official-14815')).status).toBe(403);
  });

  it('merges by deleting the other response with the reason recorded, and lists the pair no more', async () => {
    const [a, b] = await twoLookAlikes();
    const res = await call('/api/duplicates/resolve', 'official-14815', {
      method: 'POST',
      json: { roundId: 'cds-2024', wardCode: '14815', a, b, decision: 'merge', keepId: a },
    });
    expect(res.status).toBe(204);
    expect(t.repo.responseItems.get(b)?.deletedAt).toBeDefined();
    expect(t.repo.responseItems.get(a)?.deletedAt).toBeUndefined();
    expect((await (await list()).json()).pairs).toEqual([]);
    await t.foldPending();
    const entries = (await (await history(b, 'admin')).json()).history;
    expect(entries.at(-1)).toMatchObject({ action: 'delete', by: 'official-14815', reason: `duplicate of ${a}` });
  });

  it('keeps both when told they are two households, records it in both histories, and lists the pair no more', async () => {
    const [a, b] = await twoLookAlikes();
    const res = await call('/api/duplicates/resolve', 'official-14815', {
      method: 'POST',
      json: { roundId: 'cds-2024', wardCode: '14815', a, b, decision: 'keep', reason: 'Hai anh em cùng tên' },
    });
    expect(res.status).toBe(204);
    expect((await (await list()).json()).pairs).toEqual([]);
    await t.foldPending();
    const entries = (await (await history(a, 'admin')).json()).history;
    expect(entries.at(-1)).toMatchObject({ action: 'not_duplicate', reason: `not a duplicate of ${b}: Hai anh em cùng tên` });
  });

  it('refuses a merge that keeps neither of the pair with a field issue', async () => {
    const [a, b] = await twoLookAlikes();
    const res = await call('/api/duplicates/resolve', 'official-14815', {
      method: 'POST',
      json: { roundId: 'cds-2024', wardCode: '14815', a, b, decision: 'merge', keepId: 'x' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('keepId');
  });
});

describe('GET /api/responses/history.csv', () => {
  it("streams a round's history to admins, one row per changed answer, and to nobody else", async () => {
    const id = randomUUID();
    await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: responseBody() });
    const edited = responseBody({ household: { ...responseBody().household, fiber_broadband: false } });
    await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: edited, ifMatch: 1 });
    await t.foldPending();
    const res = await call('/api/responses/history.csv?roundId=cds-2024', 'admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('response_id,ward_code,village_code,household_code,version,at,by,action,reason,path,from,to');
    expect(lines.slice(1)).toEqual([
      `${id},14815,14815-khu-pho-1,,1,2026-11-24T08:00:00.000Z,collector-14815,create,,,,`,
      `${id},14815,14815-khu-pho-1,,2,2026-11-24T08:00:00.000Z,collector-14815,edit,,household.fiber_broadband,true,false`,
    ]);
    expect((await call('/api/responses/history.csv?roundId=cds-2024', 'official')).status).toBe(403);
    expect((await call('/api/responses/history.csv?roundId=nope', 'admin')).status).toBe(400);
  });
});
