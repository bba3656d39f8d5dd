import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { adult, child, responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let collector: string;

beforeEach(async () => {
  t = await createTestApp();
  collector = await t.tokenFor('collector-14815');
});

const put = (id: string, body: unknown, { token = collector, ifMatch, lang }: { token?: string; ifMatch?: number | string; lang?: string } = {}) =>
  t.app.request(`/api/responses/${id}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(ifMatch !== undefined ? { 'if-match': String(ifMatch) } : {}),
      ...(lang ? { 'accept-language': lang } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('PUT /api/responses/{id}', () => {
  it('creates a response with 201 and version 1', async () => {
    const id = randomUUID();
    const res = await put(id, responseBody());
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id, version: 1 });
    expect(t.repo.responseItems.get(id)).toMatchObject({
      wardCode: '14815',
      version: 1,
      channel: 'collector',
      createdBy: 'collector-14815',
      referenceYear: 2024,
    });
  });

  it('answers a replay of the same body with 200 and the same version, writing nothing', async () => {
    const id = randomUUID();
    await put(id, responseBody());
    const writes = t.repo.changes.length;
    const replay = await put(id, responseBody());
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ id, version: 1 });
    expect(t.repo.changes.length).toBe(writes);
  });

  it('edits with If-Match and bumps the version; a stale If-Match is a 409 naming the current version', async () => {
    const id = randomUUID();
    await put(id, responseBody());
    const edited = responseBody({ members: [adult(), child(), child(2020)] });
    const ok = await put(id, edited, { ifMatch: 1 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id, version: 2 });
    const stale = await put(id, responseBody({ members: [adult()] }), { ifMatch: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'version_conflict', currentVersion: 2 } });
    // Replaying the successful edit (e.g. its response was lost) is still a harmless 200.
    const replay = await put(id, edited, { ifMatch: 1 });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ id, version: 2 });
  });

  it('requires If-Match to change an existing response', async () => {
    const id = randomUUID();
    await put(id, responseBody());
    const res = await put(id, responseBody({ members: [adult()] }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'version_required', currentVersion: 1 } });
  });

  it('accepts an ETag-style quoted If-Match', async () => {
    const id = randomUUID();
    await put(id, responseBody());
    expect((await put(id, responseBody({ members: [adult()] }), { ifMatch: '"1"' })).status).toBe(200);
  });

  it('rejects malformed JSON with 400 and writes nothing', async () => {
    const res = await put(randomUUID(), '{"roundId": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_json', message: 'Nội dung gửi lên không phải JSON hợp lệ.' } });
    expect(t.repo.responseItems.size).toBe(0);
  });

  it('rejects wrong types and unknown fields with field paths', async () => {
    const body = { ...responseBody(), surprise: true, household: { ...responseBody().household, fiber_broadband: 'có' } };
    const res = await put(randomUUID(), body, { lang: 'en' });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_request');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'household.fiber_broadband', message: 'Please choose Yes or No.' },
        { path: 'surprise', message: 'Unknown field: surprise.' },
      ]),
    );
    expect(t.repo.responseItems.size).toBe(0);
  });

  it('rejects a 15+ question answered for a child with a Vietnamese message at the field', async () => {
    const res = await put(randomUUID(), responseBody({ members: [adult(), child(2014, { has_smartphone: false })] }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues).toEqual([{ path: 'members.1.has_smartphone', message: 'Câu hỏi này chỉ dành cho người từ 15 tuổi trở lên.' }]);
  });

  it('rejects a ward outside the collector scope with 403 and writes nothing', async () => {
    const res = await put(randomUUID(), responseBody({ wardCode: '14809', villageCode: '14809-khu-pho-1' }));
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: 'forbidden', issues: [{ path: 'wardCode' }] });
    expect(t.repo.responseItems.size).toBe(0);
  });

  it('rejects a village of another ward, an unknown ward and an unknown round with 400', async () => {
    const village = await put(randomUUID(), responseBody({ villageCode: '14809-khu-pho-1' }));
    expect((await village.json()).error.issues).toEqual([{ path: 'villageCode', message: 'Thôn/khu phố không thuộc phường/xã đã chọn.' }]);
    const ward = await put(randomUUID(), responseBody({ wardCode: '99999' }));
    expect((await ward.json()).error.issues[0].path).toBe('wardCode');
    const round = await put(randomUUID(), responseBody({ roundId: 'nope' }));
    expect(round.status).toBe(400);
    expect((await round.json()).error.issues[0].path).toBe('roundId');
  });

  it('rejects a body over 64 KB with 413', async () => {
    const body = { ...responseBody(), padding: 'x'.repeat(70 * 1024) };
    const res = await put(randomUUID(), body);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    expect(t.repo.responseItems.size).toBe(0);
  });

  it('rejects an id that is not a UUID', async () => {
    const res = await put('not-a-uuid', responseBody());
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('id');
  });

  it('requires a valid token: missing, forged or tampered tokens get 401', async () => {
    const missing = await t.app.request(`/api/responses/${randomUUID()}`, { method: 'PUT', body: JSON.stringify(responseBody()) });
    expect(missing.status).toBe(401);
    const [header, payload, signature] = collector.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, 'custom:areas': '14809' })).toString('base64url'), signature].join('.');
    expect((await put(randomUUID(), responseBody(), { token: tampered })).status).toBe(401);
    expect((await put(randomUUID(), responseBody(), { token: 'abc.def.ghi' })).status).toBe(401);
    expect(t.repo.responseItems.size).toBe(0);
  });

  it('does not let officials write responses', async () => {
    const res = await put(randomUUID(), responseBody(), { token: await t.tokenFor('official') });
    expect(res.status).toBe(403);
  });

  it('refuses writes once the round has closed', async () => {
    t.clock.now = new Date('2028-01-01T00:00:00Z');
    const res = await put(randomUUID(), responseBody());
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('round_closed');
  });
});

describe('reading, listing and deleting responses', () => {
  const get = (path: string, token = collector) => t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  const del = (id: string, ifMatch?: number, token = collector) =>
    t.app.request(`/api/responses/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, ...(ifMatch ? { 'if-match': String(ifMatch) } : {}) },
    });

  it('returns a stored response with its version', async () => {
    const id = randomUUID();
    await put(id, responseBody());
    const res = await get(`/api/responses/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toMatchObject({
      id,
      version: 1,
      household: { head_name: 'Nguyễn Văn Đức' },
      members: [{ birth_year: 1984 }, { birth_year: 2014 }],
    });
  });

  it('keeps other wards private: 403 for another ward collector', async () => {
    const id = randomUUID();
    await put(id, responseBody());
    expect((await get(`/api/responses/${id}`, await t.tokenFor('collector-14809'))).status).toBe(403);
    expect((await get('/api/responses?roundId=cds-2024&wardCode=14815', await t.tokenFor('collector-14809'))).status).toBe(403);
    expect((await get(`/api/responses/${id}`, await t.tokenFor('official'))).status).toBe(403);
  });

  it('lists a village page by page with a cursor', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await put(id, responseBody());
    await put(randomUUID(), responseBody({ villageCode: '14815-khu-pho-2' }));
    const first = await (await get('/api/responses?roundId=cds-2024&wardCode=14815&villageCode=14815-khu-pho-1&limit=2')).json();
    expect(first.responses).toHaveLength(2);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await (await get(`/api/responses?roundId=cds-2024&wardCode=14815&villageCode=14815-khu-pho-1&limit=2&cursor=${first.cursor}`)).json();
    expect(second.responses).toHaveLength(1);
    expect(second.cursor).toBeUndefined();
    expect([...first.responses, ...second.responses].map((r: { id: string }) => r.id).sort()).toEqual([...ids].sort());
  });

  it('rejects a list query without roundId', async () => {
    const res = await get('/api/responses?wardCode=14815');
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('roundId');
  });

  it('deletes with If-Match: 204, then it is gone from reads and lists; a repeated delete is 204', async () => {
    const id = randomUUID();
    await put(id, responseBody());
    expect((await del(id)).status).toBe(409);
    expect((await del(id, 1)).status).toBe(204);
    expect((await get(`/api/responses/${id}`)).status).toBe(404);
    expect((await (await get('/api/responses?roundId=cds-2024&wardCode=14815')).json()).responses).toEqual([]);
    expect((await del(id, 1)).status).toBe(204);
    // A late replay of the original upload must not bring it back.
    const resurrect = await put(id, responseBody());
    expect(resurrect.status).toBe(409);
    expect((await resurrect.json()).error.code).toBe('deleted');
  });

  it('answers 404 for an unknown response', async () => {
    expect((await get(`/api/responses/${randomUUID()}`)).status).toBe(404);
    expect((await del(randomUUID(), 1)).status).toBe(404);
  });
});
