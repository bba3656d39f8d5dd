import { randomUUID } from 'node:crypto';
import { HOUSEHOLD_FORM } from '@shared/survey/form';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseAggregatesCsv } from '../support/aggregates-csv';
import { adult, child, responseBody } from '../support/fixtures';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const authed = async (path: string, username: string, init: RequestInit = {}) =>
  t.app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

describe('health, session and reference data', () => {
  it('answers health', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('signs in with the right password and returns the user with role and areas', async () => {
    const res = await t.app.request('/api/session', { method: 'POST', body: JSON.stringify({ username: 'collector-14815', password: TEST_PASSWORD }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toEqual({ username: 'collector-14815', role: 'collector', areas: ['14815'] });
    expect(body.token.split('.')).toHaveLength(3);
  });

  it('rejects a wrong password or an unknown user with 401, and a malformed request with 400', async () => {
    const wrong = await t.app.request('/api/session', { method: 'POST', body: JSON.stringify({ username: 'collector-14815', password: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('bad_credentials');
    const unknown = await t.app.request('/api/session', { method: 'POST', body: JSON.stringify({ username: 'ghost', password: 'x' }) });
    expect(unknown.status).toBe(401);
    const malformed = await t.app.request('/api/session', { method: 'POST', body: JSON.stringify({ username: 'x' }) });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.issues).toEqual([{ path: 'password', message: 'Vui lòng trả lời câu hỏi này.' }]);
  });

  it('lists the area tree flat: 1 province, 1 district, 7 wards and their villages with stable codes', async () => {
    const { areas } = await (await t.app.request('/api/areas')).json();
    const byLevel = (level: string) => areas.filter((a: { level: string }) => a.level === level);
    expect(byLevel('province')).toEqual([expect.objectContaining({ code: '38', name: 'Tỉnh Thanh Hóa', parentCode: null })]);
    expect(byLevel('district')).toEqual([expect.objectContaining({ code: '381', name: 'Thị xã Bỉm Sơn', parentCode: '38' })]);
    expect(byLevel('ward').map((w: { code: string }) => w.code)).toEqual(['14809', '14812', '14815', '14818', '14821', '14823', '14824']);
    expect(byLevel('village')).toHaveLength(57);
    expect(areas).toContainEqual(expect.objectContaining({ code: '14821-doai-thon', name: 'Đoài Thôn', level: 'village', parentCode: '14821' }));
    const codes = areas.map((a: { code: string }) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9-]+$/);
  });

  it('lists the open round and serves the form definition', async () => {
    const { rounds } = await (await t.app.request('/api/rounds')).json();
    expect(rounds).toEqual([expect.objectContaining({ id: 'cds-2024', name: 'Khảo sát CĐS 2024', form: 'household-dx', formVersion: 1, referenceYear: 2024 })]);
    const form = await (await t.app.request('/api/forms/household-dx')).json();
    expect(form).toEqual(JSON.parse(JSON.stringify(HOUSEHOLD_FORM)));
    expect((await t.app.request('/api/forms/other')).status).toBe(404);
  });

  it('answers unknown API routes with the error shape', async () => {
    const res = await t.app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});

describe('aggregates', () => {
  async function submit(body = responseBody()) {
    const res = await authed(`/api/responses/${randomUUID()}`, body.wardCode === '14809' ? 'collector-14809' : 'collector-14815', {
      method: 'PUT',
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
  }

  it('shows each ward and the town with percent, fraction, target and met once folded', async () => {
    await submit(responseBody({ members: [adult(), child()] }));
    await submit(responseBody({ members: [adult({ has_smartphone: false, has_ehr: false })] }));
    await submit(responseBody({ wardCode: '14809', villageCode: '14809-khu-pho-2' }));
    await t.foldPending();

    const wards = await (await authed('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json();
    expect(wards.areas.map((a: { code: string }) => a.code)).toEqual(['14809', '14812', '14815', '14818', '14821', '14823', '14824']);
    const lamSon = wards.areas.find((a: { code: string }) => a.code === '14815');
    expect(lamSon.households).toEqual({ surveyed: 2, total: null, submitted: 2, approved: 0, returned: 0, rejected: 0 });
    expect(lamSon.indicators.find((i: { id: string }) => i.id === 'adult_smartphone')).toEqual({
      id: 'adult_smartphone',
      numerator: 1,
      denominator: 2,
      percent: 50,
      target: 80,
      met: false,
    });
    expect(lamSon.indicators.find((i: { id: string }) => i.id === 'pop_ehr')).toEqual({
      id: 'pop_ehr',
      numerator: 1,
      denominator: 3,
      percent: 33.3,
      target: 95,
      met: false,
    });
    const baDinh = wards.areas.find((a: { code: string }) => a.code === '14812');
    expect(baDinh.households).toEqual({ surveyed: 0, total: 2778, submitted: 0, approved: 0, returned: 0, rejected: 0 });
    expect(baDinh.indicators[0]).toMatchObject({ percent: null, met: null });

    const town = await (await authed('/api/aggregates?roundId=cds-2024&level=district', 'official')).json();
    expect(town.areas).toHaveLength(1);
    expect(town.areas[0]).toMatchObject({ code: '381', level: 'district', households: { surveyed: 3 } });
    expect(town.areas[0].indicators.find((i: { id: string }) => i.id === 'pop_ehr')).toMatchObject({ numerator: 2, denominator: 5, percent: 40 });
    const province = await (await authed('/api/aggregates?roundId=cds-2024&level=province', 'admin')).json();
    expect(province.areas[0]).toMatchObject({ code: '38', households: { surveyed: 3 } });
  });

  it('drops a deleted household and reflects an edit', async () => {
    const id = randomUUID();
    await authed(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(responseBody()) });
    await t.foldPending();
    await authed(`/api/responses/${id}`, 'collector-14815', {
      method: 'PUT',
      headers: { 'if-match': '1' },
      body: JSON.stringify(responseBody({ members: [adult(), adult(), child()] })),
    });
    await t.foldPending();
    const ehr = async () =>
      (await (await authed('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json()).areas
        .find((a: { code: string }) => a.code === '14815')
        .indicators.find((i: { id: string }) => i.id === 'pop_ehr');
    expect(await ehr()).toMatchObject({ numerator: 2, denominator: 3 });
    await authed(`/api/responses/${id}`, 'collector-14815', { method: 'DELETE', headers: { 'if-match': '2' } });
    await t.foldPending();
    expect(await ehr()).toMatchObject({ numerator: 0, denominator: 0, percent: null });
  });

  it('limits officials to their areas and keeps collectors out', async () => {
    const wardOfficial = await (await authed('/api/aggregates?roundId=cds-2024&level=ward', 'official-14815')).json();
    expect(wardOfficial.areas.map((a: { code: string }) => a.code)).toEqual(['14815']);
    expect((await authed('/api/aggregates?roundId=cds-2024&level=district', 'official-14815')).status).toBe(403);
    expect((await authed('/api/aggregates?roundId=cds-2024&level=ward', 'collector-14815')).status).toBe(403);
    expect((await t.app.request('/api/aggregates?roundId=cds-2024')).status).toBe(401);
  });

  it('rejects a bad level or an unknown round with 400', async () => {
    const level = await authed('/api/aggregates?roundId=cds-2024&level=village', 'official');
    expect(level.status).toBe(400);
    expect((await level.json()).error.issues[0].path).toBe('level');
    expect((await authed('/api/aggregates?roundId=nope', 'official')).status).toBe(400);
  });

  it('downloads the same figures as CSV with a BOM, parseable, Vietnamese intact', async () => {
    await submit();
    await t.foldPending();
    const res = await authed('/api/aggregates.csv?roundId=cds-2024&level=ward', 'official');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('phieu-cds-2024-ward.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseAggregatesCsv(Buffer.from(bytes)).filter((r) => r.level === 'Phường, xã');
    expect(rows).toHaveLength(7 * 12);
    const row = rows.find((r) => r.area_code === '14815' && r.indicator_id === 'hh_fiber_broadband')!;
    expect(row).toMatchObject({
      area_name: 'Phường Lam Sơn',
      indicator_name: 'Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang',
      numerator: '1',
      denominator: '1',
      percent: '100',
      target: '80',
      met: 'Đạt',
    });
  });
});
