// One household, one count: a roster household has at most one response per round, whoever records it; closed
// rounds take no collector writes; admins correct them with a reason. Through app.request() on the memory store.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

const VILLAGE = '14815-khu-pho-1';
const AFTER_CLOSE = new Date('2028-01-05T00:00:00Z');
let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});

async function call(path: string, username: string, init: RequestInit & { json?: unknown } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json' };
  for (const [k, v] of Object.entries((init.headers as Record<string, string>) ?? {})) headers[k] = v;
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  return t.app.request(path, { ...init, headers, body });
}

const put = (id: string, body: unknown, username = 'collector-14815', extra: { ifMatch?: number; reason?: string } = {}) =>
  call(`/api/responses/${id}${extra.reason !== undefined ? `?reason=${encodeURIComponent(extra.reason)}` : ''}`, username, {
    method: 'PUT',
    json: body,
    headers: extra.ifMatch !== undefined ? { 'if-match': String(extra.ifMatch) } : {},
  });

const del = (id: string, ifMatch: number, username = 'collector-14815', reason?: string) =>
  call(`/api/responses/${id}${reason !== undefined ? `?reason=${encodeURIComponent(reason)}` : ''}`, username, {
    method: 'DELETE',
    headers: { 'if-match': String(ifMatch) },
  });

const withCode = (householdCode: string) => responseBody({ householdCode });

async function namedLink(householdCode: string) {
  const res = await call('/api/links', 'collector-14815', {
    method: 'POST',
    json: { roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, households: [{ householdCode, headName: 'Nguyễn Văn Đức' }] },
  });
  expect(res.status).toBe(201);
  return (await res.json()).links[0] as { token: string; responseId: string };
}

function selfPut(token: string) {
  const { household, members } = responseBody();
  return t.app.request(
    `/api/self/${token}`,
    { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ household, members }) },
    { requestContext: { http: { sourceIp: '198.51.100.7' } } },
  );
}

async function importRoster() {
  const csv = [
    'ward_code,village,household_code,head_name,address',
    `14815,${VILLAGE},LS-001,Nguyễn Văn Đức,Số 5`,
    `14815,${VILLAGE},LS-002,Trần Thị Bình,Số 7`,
  ].join('\n');
  const res = await call('/api/roster/import', 'admin', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
  expect(res.status).toBe(201);
}

describe('one household, one count', () => {
  it('refuses a second collector recording the same roster household with 409 naming the existing response', async () => {
    const first = randomUUID();
    expect((await put(first, withCode('LS-001'))).status).toBe(201);
    const second = await put(randomUUID(), withCode('LS-001'), 'admin');
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'household_already_answered', existingId: first, householdCode: 'LS-001' } });
  });

  it('still answers a replay of the same response id (same household) with 200', async () => {
    const id = randomUUID();
    await put(id, withCode('LS-001'));
    const replay = await put(id, withCode('LS-001'));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ id, version: 1 });
  });

  it('refuses a visit after the household answered through its named link', async () => {
    await importRoster();
    const link = await namedLink('LS-001');
    expect((await selfPut(link.token)).status).toBe(201);
    const visit = await put(randomUUID(), withCode('LS-001'));
    expect(visit.status).toBe(409);
    expect((await visit.json()).error).toMatchObject({ code: 'household_already_answered', existingId: link.responseId });
  });

  it('refuses a link submission after the village head recorded the household', async () => {
    await importRoster();
    const link = await namedLink('LS-001');
    const visit = randomUUID();
    expect((await put(visit, withCode('LS-001'))).status).toBe(201);
    const self = await selfPut(link.token);
    expect(self.status).toBe(409);
    expect((await self.json()).error).toMatchObject({ code: 'household_already_answered', existingId: visit });
  });

  it('refuses the second of two links of one household (a lost sheet)', async () => {
    await importRoster();
    const a = await namedLink('LS-001');
    const b = await namedLink('LS-001');
    expect((await selfPut(a.token)).status).toBe(201);
    const second = await selfPut(b.token);
    expect(second.status).toBe(409);
    expect((await second.json()).error.existingId).toBe(a.responseId);
  });

  it('lets exactly one of concurrent uploads of the same household land', async () => {
    const ids = Array.from({ length: 6 }, () => randomUUID());
    const results = await Promise.all(ids.map((id) => put(id, withCode('LS-002'))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const live = [...t.repo.responseItems.values()].filter((item) => item.householdCode === 'LS-002');
    expect(live).toHaveLength(1);
  });

  it('releases the claim when its response is deleted', async () => {
    const first = randomUUID();
    await put(first, withCode('LS-001'));
    expect((await del(first, 1)).status).toBe(204);
    expect((await put(randomUUID(), withCode('LS-001'))).status).toBe(201);
  });

  it('moves the claim when an edit changes the household code', async () => {
    const id = randomUUID();
    await put(id, withCode('LS-001'));
    expect((await put(id, withCode('LS-002'), 'collector-14815', { ifMatch: 1 })).status).toBe(200);
    expect((await put(randomUUID(), withCode('LS-001'))).status).toBe(201);
    const taken = await put(randomUUID(), withCode('LS-002'));
    expect((await taken.json()).error).toMatchObject({ code: 'household_already_answered', existingId: id });
  });

  it('refuses an edit onto a household another response holds, leaving both as they were', async () => {
    const a = randomUUID();
    const b = randomUUID();
    await put(a, withCode('LS-001'));
    await put(b, withCode('LS-002'));
    const moved = await put(b, withCode('LS-001'), 'collector-14815', { ifMatch: 1 });
    expect(moved.status).toBe(409);
    expect((await moved.json()).error.existingId).toBe(a);
    expect(t.repo.responseItems.get(b)?.householdCode).toBe('LS-002');
  });

  it('counts households without a roster code as they come (no claim)', async () => {
    expect((await put(randomUUID(), responseBody())).status).toBe(201);
    expect((await put(randomUUID(), responseBody())).status).toBe(201);
  });
});

describe('closed rounds', () => {
  it('refuses collector creates, edits and deletes with 403 round_closed once the round has closed', async () => {
    const id = randomUUID();
    await put(id, responseBody());
    t.clock.now = AFTER_CLOSE;
    const create = await put(randomUUID(), responseBody());
    expect(create.status).toBe(403);
    expect((await create.json()).error.code).toBe('round_closed');
    expect(
      (
        await put(id, responseBody({ household: { ...responseBody().household, internet_any: false, fiber_broadband: false } }), 'collector-14815', {
          ifMatch: 1,
        })
      ).status,
    ).toBe(403);
    const deleted = await del(id, 1);
    expect(deleted.status).toBe(403);
    expect((await deleted.json()).error.code).toBe('round_closed');
  });

  it('asks an admin for a reason (400 on reason), then takes the correction and records the reason', async () => {
    const id = randomUUID();
    await put(id, responseBody());
    t.clock.now = AFTER_CLOSE;
    const edited = responseBody({ household: { ...responseBody().household, fiber_broadband: false } });
    const missing = await put(id, edited, 'admin', { ifMatch: 1 });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.issues).toEqual([expect.objectContaining({ path: 'reason' })]);
    const fixed = await put(id, edited, 'admin', { ifMatch: 1, reason: 'Phiếu giấy ghi sai cáp quang' });
    expect(fixed.status).toBe(200);
    expect(t.repo.responseItems.get(id)?.changeReason).toEqual({ reason: 'Phiếu giấy ghi sai cáp quang', version: 2 });
    expect((await del(id, 2, 'admin')).status).toBe(400);
    expect((await del(id, 2, 'admin', 'Hộ không có thật')).status).toBe(204);
  });

  it('never lets an admin create in a closed round', async () => {
    t.clock.now = AFTER_CLOSE;
    expect((await put(randomUUID(), responseBody(), 'admin', { reason: 'late' })).status).toBe(403);
  });
});

describe('coverage above the roster', () => {
  it('the roster import preview says how many households each ward already has in the open round', async () => {
    for (let i = 0; i < 3; i++) await put(randomUUID(), responseBody());
    const csv = [
      'ward_code,village,household_code,head_name,address',
      `14815,${VILLAGE},LS-001,Nguyễn Văn Đức,Số 5`,
      `14815,${VILLAGE},LS-002,Trần Thị Bình,Số 7`,
    ].join('\n');
    const res = await call('/api/roster/import?dryRun=true', 'admin', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect((await res.json()).wards[0]).toMatchObject({ wardCode: '14815', households: 2, surveyed: { roundId: 'cds-2024', households: 3 } });
  });
});
