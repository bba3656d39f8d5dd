import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { adult, responseBody } from '../support/fixtures';
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
const recompute = (username: string, body: unknown) => authed('/api/admin/recompute', username, { method: 'POST', body: JSON.stringify(body) });

async function submit(body = responseBody()) {
  const res = await authed(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(body) });
  expect(res.status).toBe(201);
}

const surveyed = async (code: string, level = 'ward') =>
  (await (await authed(`/api/aggregates?roundId=cds-2024&level=${level}`, 'admin')).json()).areas.find((a: { code: string }) => a.code === code).households
    .surveyed;

describe('POST /api/admin/recompute', () => {
  it('reports no drift when the aggregates are exact', async () => {
    await submit();
    await submit(responseBody({ members: [adult()] }));
    await t.foldPending();

    const res = await recompute('admin', { roundId: 'cds-2024' });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      roundId: 'cds-2024',
      checkedWards: 7,
      responses: 2,
      deleted: 0,
      lagging: 0,
      drift: [],
      repaired: [],
      remaining: [],
      passes: 1,
    });
  });

  it('reports a corrupted ward with its district and province, repairs it, and the aggregates read exact again', async () => {
    await submit();
    await submit();
    await t.foldPending();
    const [key, row] = [...t.repo.rows].find(([, r]) => r.wardCode === '14815')!;
    t.repo.rows.set(key, { ...row, tally: { ...row.tally, households: 7 } });
    expect(await surveyed('14815')).toBe(7);

    const res = await recompute('admin', { roundId: 'cds-2024' });

    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.drift).toEqual([
      { areaCode: '14815', areaLevel: 'ward', indicatorId: 'households', field: 'count', stored: 7, true: 2 },
      { areaCode: '381', areaLevel: 'district', indicatorId: 'households', field: 'count', stored: 7, true: 2 },
      { areaCode: '38', areaLevel: 'province', indicatorId: 'households', field: 'count', stored: 7, true: 2 },
    ]);
    expect(report.repaired).toEqual([{ wardCode: '14815', indicatorId: 'households', field: 'count', before: 7, after: 2 }]);
    expect(report.remaining).toEqual([]);
    expect(await surveyed('14815')).toBe(2);
    expect(await surveyed('38', 'province')).toBe(2);
  });

  it('counts submissions the stream has not folded yet', async () => {
    await submit();

    const report = await (await recompute('admin', { roundId: 'cds-2024' })).json();

    expect(report).toMatchObject({ lagging: 1, repaired: [], remaining: [] });
    expect(await surveyed('14815')).toBe(1);
  });

  it('rejects an unknown round and a malformed body with 400', async () => {
    const unknown = await recompute('admin', { roundId: 'nope' });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.issues).toEqual([{ path: 'roundId', message: expect.any(String) }]);
    const missing = await recompute('admin', {});
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.issues[0].path).toBe('roundId');
    const notJson = await authed('/api/admin/recompute', 'admin', { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('is for admins only: 401 without a token, 403 for officials and collectors', async () => {
    expect((await t.app.request('/api/admin/recompute', { method: 'POST', body: JSON.stringify({ roundId: 'cds-2024' }) })).status).toBe(401);
    expect((await recompute('official', { roundId: 'cds-2024' })).status).toBe(403);
    expect((await recompute('collector-14815', { roundId: 'cds-2024' })).status).toBe(403);
  });
});
