// Review of responses through the API: who may review, stale versions, reasons, the collector's resubmission,
// and how a round's count policy changes the officials' figures.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

async function setup() {
  const t = await createTestApp();
  const call = async (path: string, user: string, init: { method?: string; json?: unknown; ifMatch?: number } = {}) =>
    t.app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${await t.tokenFor(user)}`,
        'content-type': 'application/json',
        ...(init.ifMatch !== undefined ? { 'if-match': String(init.ifMatch) } : {}),
      },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  const create = async (overrides = {}) => {
    const id = randomUUID();
    const res = await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: responseBody(overrides) });
    expect(res.status).toBe(201);
    return id;
  };
  const review = (id: string, user: string, json: unknown, ifMatch?: number) => call(`/api/responses/${id}/review`, user, { method: 'POST', json, ifMatch });
  return { t, call, create, review };
}

async function wardFigures(t: TestApp, call: Awaited<ReturnType<typeof setup>>['call']) {
  await t.foldPending();
  const body = await (await call('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json();
  return { body, ward: body.areas.find((a: { code: string }) => a.code === '14815') };
}

describe('POST /api/responses/{id}/review', { timeout: 30_000 }, () => {
  it('lets the ward official and an admin review, and refuses collectors with 403', async () => {
    const { create, review } = await setup();
    const id = await create();
    expect((await review(id, 'collector-14815', { state: 'approved' }, 1)).status).toBe(403);
    const approved = await review(id, 'official-14815', { state: 'approved' }, 1);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ id, version: 2, review: { state: 'approved', by: 'official-14815' } });
    expect((await review(id, 'admin', { state: 'returned', comment: 'Kiểm tra năm sinh' }, 2)).status).toBe(200);
  });

  it('refuses an official whose areas do not hold the ward with 403', async () => {
    const { t, call, review } = await setup();
    const id = randomUUID();
    const body = responseBody({ wardCode: '14809', villageCode: (await firstVillage(t, '14809'))! });
    expect((await call(`/api/responses/${id}`, 'collector-14809', { method: 'PUT', json: body })).status).toBe(201);
    expect((await review(id, 'official-14815', { state: 'approved' }, 1)).status).toBe(403);
    expect((await review(id, 'official', { state: 'approved' }, 1)).status).toBe(200);
  });

  it('answers 409 on a stale or missing If-Match, as edits do', async () => {
    const { create, review } = await setup();
    const id = await create();
    const missing = await review(id, 'official', { state: 'approved' });
    expect(missing.status).toBe(409);
    expect((await missing.json()).error.code).toBe('version_required');
    const stale = await review(id, 'official', { state: 'approved' }, 7);
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatchObject({ code: 'version_conflict', currentVersion: 1 });
  });

  it('answers a retried review that already landed with 200 and the same version', async () => {
    const { create, review } = await setup();
    const id = await create();
    expect((await review(id, 'official', { state: 'returned', comment: 'Thiếu số điện thoại' }, 1)).status).toBe(200);
    const again = await review(id, 'official', { state: 'returned', comment: 'Thiếu số điện thoại' }, 1);
    expect(again.status).toBe(200);
    expect((await again.json()).version).toBe(2);
  });

  it('requires a comment to return or reject, with a field issue (400)', async () => {
    const { create, review } = await setup();
    const id = await create();
    for (const state of ['returned', 'rejected']) {
      const res = await review(id, 'official', { state, comment: '   ' }, 1);
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.issues).toEqual([{ path: 'comment', message: expect.any(String) }]);
    }
    const unknown = await review(id, 'official', { state: 'maybe' }, 1);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.issues[0].path).toBe('state');
  });

  it('answers 404 for an unknown response and 409 for a deleted one', async () => {
    const { call, create, review } = await setup();
    expect((await review(randomUUID(), 'official', { state: 'approved' }, 1)).status).toBe(404);
    const id = await create();
    expect((await call(`/api/responses/${id}`, 'collector-14815', { method: 'DELETE', ifMatch: 1 })).status).toBe(204);
    expect((await review(id, 'official', { state: 'approved' }, 2)).status).toBe(409);
  });
});

describe('returned for correction', { timeout: 30_000 }, () => {
  it('shows the comment to the collector; their next edit sets the response to submitted again', async () => {
    const { call, create, review } = await setup();
    const id = await create();
    expect((await review(id, 'official-14815', { state: 'returned', comment: 'Năm sinh của con chưa đúng' }, 1)).status).toBe(200);
    const list = await (await call('/api/responses?roundId=cds-2024&wardCode=14815', 'collector-14815')).json();
    expect(list.responses.find((r: { id: string }) => r.id === id).review).toMatchObject({
      state: 'returned',
      comment: 'Năm sinh của con chưa đúng',
      by: 'official-14815',
    });

    const edited = await call(`/api/responses/${id}`, 'collector-14815', {
      method: 'PUT',
      json: responseBody({ household: { ...responseBody().household, phone: '0987654321' } }),
      ifMatch: 2,
    });
    expect(edited.status).toBe(200);
    const stored = await (await call(`/api/review/responses/${id}`, 'official-14815')).json();
    expect(stored).toMatchObject({ version: 3, review: { state: 'submitted' } });
    expect((await review(id, 'official-14815', { state: 'approved' }, 3)).status).toBe(200);
  });

  it('resubmits a returned response saved unchanged at its version, while a plain replay changes nothing', async () => {
    const { call, create, review } = await setup();
    const id = await create();
    const replay = await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: responseBody() });
    expect(await replay.json()).toEqual({ id, version: 1 });
    await review(id, 'official', { state: 'returned', comment: 'Hỏi lại hộ' }, 1);
    const saved = await call(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', json: responseBody(), ifMatch: 2 });
    expect(await saved.json()).toEqual({ id, version: 3 });
    expect((await (await call(`/api/responses/${id}`, 'collector-14815')).json()).review).toEqual({ state: 'submitted' });
  });

  it('lets officials read and list their wards responses through /api/review, never write them; collectors cannot use it', async () => {
    const { t, call, create } = await setup();
    const id = await create();
    expect(await (await call(`/api/review/responses/${id}`, 'official')).json()).toMatchObject({ id, review: { state: 'submitted' } });
    const listed = await (await call('/api/review/responses?roundId=cds-2024&wardCode=14815', 'official-14815')).json();
    expect(listed.responses.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await call('/api/review/responses?roundId=cds-2024&wardCode=14815', 'collector-14815')).status).toBe(403);
    const village = await firstVillage(t, '14809');
    expect((await call(`/api/review/responses?roundId=cds-2024&wardCode=14809&villageCode=${village}`, 'official-14815')).status).toBe(403);
    expect((await call(`/api/responses/${id}`, 'official')).status).toBe(403);
    expect((await call(`/api/responses/${id}`, 'official', { method: 'PUT', json: responseBody(), ifMatch: 1 })).status).toBe(403);
    expect((await call(`/api/responses/${id}`, 'official', { method: 'DELETE', ifMatch: 1 })).status).toBe(403);
  });
});

describe('count policy', { timeout: 30_000 }, () => {
  it('counts everything but rejected under submitted, and gives the four state counts', async () => {
    const { t, call, create, review } = await setup();
    const [a, b, c, d] = [await create(), await create(), await create(), await create()];
    await review(a, 'official', { state: 'approved' }, 1);
    await review(b, 'official', { state: 'returned', comment: 'Sửa địa chỉ' }, 1);
    await review(c, 'official', { state: 'rejected', comment: 'Trùng hộ' }, 1);
    const { body, ward } = await wardFigures(t, call);
    expect(body.countPolicy).toBe('submitted');
    expect(ward.households).toMatchObject({ surveyed: 3, submitted: 1, approved: 1, returned: 1, rejected: 1 });
    expect(ward.provisional).toBeUndefined();
    expect(d).toBeDefined();
  });

  it('counts only approved responses under approved, with the provisional figures beside them', async () => {
    const { t, call, create, review } = await setup();
    expect((await call('/api/rounds/cds-2024', 'admin', { method: 'PATCH', json: { countPolicy: 'approved' } })).status).toBe(200);
    const [a, b, c] = [await create(), await create({ household: { ...responseBody().household, fiber_broadband: false } }), await create()];
    await review(a, 'official', { state: 'approved' }, 1);
    await review(c, 'official', { state: 'rejected', comment: 'Không có hộ này' }, 1);
    t.clock.now = new Date(t.clock.now.getTime() + 10 * 60_000);
    const { body, ward } = await wardFigures(t, call);
    expect(body.countPolicy).toBe('approved');
    expect(ward.households).toMatchObject({ surveyed: 1, submitted: 1, approved: 1, returned: 0, rejected: 1 });
    expect(ward.provisional.households.surveyed).toBe(2);
    const fibre = (list: { id: string; numerator: number; denominator: number }[]) => list.find((i) => i.id === 'hh_fiber_broadband');
    expect(fibre(ward.indicators)).toMatchObject({ numerator: 1, denominator: 1 });
    expect(fibre(ward.provisional.indicators)).toMatchObject({ numerator: 1, denominator: 2 });
    // Approving the second moves it into the confirmed figures.
    await review(b, 'admin', { state: 'approved' }, 1);
    const after = await wardFigures(t, call);
    expect(fibre(after.ward.indicators)).toMatchObject({ numerator: 1, denominator: 2 });
  });
});

async function firstVillage(t: TestApp, wardCode: string) {
  const areas = await t.repo.reference.listAreas();
  return areas.find((a) => a.parentCode === wardCode && a.level === 'village')?.code;
}
