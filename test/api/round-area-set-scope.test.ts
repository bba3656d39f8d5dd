// A 2026 round on the 2025 wards: every ward-scoped route reads its wards in the round's set. 14812 there is
// Phường Bỉm Sơn, whose official reviews, reads the history, the duplicates and the exports of it; an official
// of the 2020 code 14812 (Ba Đình, never moved) does not get it as if it were Ba Đình.
import { randomUUID } from 'node:crypto';
import type { Indicator } from '@shared/questionnaire/definition';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../functions/lib/auth/passwords';
import { parseAggregatesCsv } from '../support/aggregates-csv';
import { responseBody } from '../support/fixtures';
import { round2026 } from '../support/survey-fixtures';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

let t: TestApp;
let roundId: string;
let ids: string[];

const authed = async (path: string, username: string, init: RequestInit = {}) =>
  t.app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
const start = (body: Record<string, unknown>, username = 'admin') => authed('/api/exports', username, { method: 'POST', body: JSON.stringify(body) });
/** A new indicator: the round's counters of it exist only once the recompute job has filled them. */
const SMARTPHONE: Indicator = {
  id: 'pop_smartphone_2026',
  unit: 'person',
  population: { q: 'age', gte: 15 },
  numerator: { q: 'has_smartphone', eq: true },
  label: { vi: 'Tỷ lệ người từ 15 tuổi có điện thoại thông minh', en: 'People aged 15+ with a smartphone' },
  target: 0.6,
};
const records = (text: string): Record<string, string>[] => parse(text, { bom: true, columns: true });

/** Runs the queued export jobs and gives the file of job `id`, as `username` downloads it. */
async function fileOf(id: string, username: string): Promise<string> {
  await t.runExportJobs();
  const done = await (await authed(`/api/exports/${id}`, username)).json();
  expect(done.status).toBe('done');
  return t.files.download(done.url)!.toString('utf8');
}

beforeEach(async () => {
  t = await createTestApp();
  const passwordHash = await hashPassword(TEST_PASSWORD);
  await t.repo.reference.putLocalUser({ username: 'official-bim-son', role: 'official', areas: ['14812'], areaSetId: 'bim-son-2025', passwordHash });
  await t.repo.reference.putLocalUser({ username: 'official-ba-dinh', role: 'official', areas: ['14812'], passwordHash });
  roundId = (
    await (await authed('/api/rounds', 'admin', { method: 'POST', body: JSON.stringify(round2026({ surveyVersion: 1, areaSetId: 'bim-son-2025' })) })).json()
  ).id;
  t.clock.now = new Date('2026-11-20T03:00:00Z');
  // The same household twice (no roster code): a likely duplicate pair of Phường Bỉm Sơn.
  ids = [randomUUID(), randomUUID()];
  for (const id of ids) {
    const body = responseBody({ roundId, wardCode: '14812', villageCode: '14812-khu-pho-1' });
    expect((await authed(`/api/responses/${id}`, 'admin', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(201);
  }
  await t.foldPending();
});

describe('a round on the 2025 wards', () => {
  it("lets Phường Bỉm Sơn's official (and the town's) review it, and refuses the Ba Đình official", async () => {
    const list = (username: string) => authed(`/api/review/responses?roundId=${roundId}&wardCode=14812`, username);
    const mine = await list('official-bim-son');
    expect(mine.status).toBe(200);
    expect(new Set((await mine.json()).responses.map((r: { id: string }) => r.id))).toEqual(new Set(ids));
    // The town official's areas (381, never moved) held every unit that formed Phường Bỉm Sơn.
    expect((await list('official')).status).toBe(200);
    expect((await list('official-ba-dinh')).status).toBe(403);
    expect((await list('official-14815')).status).toBe(403);

    expect((await authed(`/api/review/responses/${ids[0]}`, 'official-bim-son')).status).toBe(200);
    expect((await authed(`/api/review/responses/${ids[0]}`, 'official-ba-dinh')).status).toBe(403);
  });

  it('gives its history and its duplicates to its official, never to the Ba Đình official', async () => {
    const history = await authed(`/api/responses/${ids[0]}/history`, 'official-bim-son');
    expect(history.status).toBe(200);
    expect((await history.json()).history).toMatchObject([{ action: 'create', by: 'admin' }]);
    expect((await authed(`/api/responses/${ids[0]}/history`, 'official-ba-dinh')).status).toBe(403);

    const pairs = await authed(`/api/duplicates?roundId=${roundId}&wardCode=14812`, 'official-bim-son');
    expect(pairs.status).toBe(200);
    expect((await pairs.json()).pairs).toHaveLength(1);
    expect((await authed(`/api/duplicates?roundId=${roundId}&wardCode=14812`, 'official-ba-dinh')).status).toBe(403);
    const resolve = { roundId, wardCode: '14812', a: ids[0], b: ids[1], decision: 'keep' };
    expect((await authed('/api/duplicates/resolve', 'official-ba-dinh', { method: 'POST', body: JSON.stringify(resolve) })).status).toBe(403);
    expect((await authed('/api/duplicates/resolve', 'official-bim-son', { method: 'POST', body: JSON.stringify(resolve) })).status).toBe(204);
  });

  it('exports its 2025 households for areaCode 14812, named as the 2025 ward, in a job and in the stream', async () => {
    const job = await (await start({ roundId, kind: 'responses', format: 'csv', areaCode: '14812' })).json();
    const rows = records(await fileOf(job.id, 'admin'));
    expect(new Set(rows.map((r) => r.response_id))).toEqual(new Set(ids));
    expect(new Set(rows.map((r) => r.ward_name))).toEqual(new Set(['Phường Bỉm Sơn']));

    const streamed = records(await (await authed(`/api/exports/responses.csv?roundId=${roundId}`, 'admin')).text());
    expect(new Set(streamed.map((r) => r.response_id))).toEqual(new Set(ids));
    expect(new Set(streamed.map((r) => r.ward_name))).toEqual(new Set(['Phường Bỉm Sơn']));
  });

  it('exports its figures to its official, whose job the Ba Đình official neither starts nor sees', async () => {
    const res = await start({ roundId, kind: 'aggregates', format: 'csv' }, 'official-bim-son');
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const rows = parseAggregatesCsv(await fileOf(id, 'official-bim-son'));
    expect(new Set(rows.map((r) => r.area_code))).toEqual(new Set(['14812']));
    expect(rows.find((r) => r.area_code === '14812')?.households_surveyed).toBe('2');

    expect((await start({ roundId, kind: 'aggregates', format: 'csv' }, 'official-ba-dinh')).status).toBe(403);
    expect((await start({ roundId, kind: 'aggregates', format: 'csv', areaCode: '14812' }, 'official-ba-dinh')).status).toBe(403);
    expect((await authed(`/api/exports/${id}`, 'official-ba-dinh')).status).toBe(404);
  });

  it('recomputes its counters from its responses in the recompute job and the admin recompute', async () => {
    const indicators = (await (await authed(`/api/rounds/${roundId}/indicators`, 'admin')).json()).indicators as Indicator[];
    const changed = await authed(`/api/rounds/${roundId}/indicators`, 'admin', {
      method: 'PUT',
      body: JSON.stringify({ indicators: [...indicators, SMARTPHONE] }),
    });
    expect(changed.status).toBe(200);
    expect(await t.runRecomputeJobs()).toEqual(['done']);
    const figures = await (await authed(`/api/aggregates?roundId=${roundId}&level=ward`, 'official-bim-son')).json();
    const bimSon = figures.areas.find((a: { code: string }) => a.code === '14812');
    expect(bimSon.households.surveyed).toBe(2);
    // Each household has one adult (with a smartphone) and one child of 12: two people counted, both with one.
    expect(bimSon.indicators.find((i: { id: string }) => i.id === SMARTPHONE.id)).toMatchObject({ numerator: 2, denominator: 2 });

    const report = await authed('/api/admin/recompute', 'admin', { method: 'POST', body: JSON.stringify({ roundId }) });
    expect(await report.json()).toMatchObject({ responses: 2, drift: [], remaining: [] });
  });
});

describe('export jobs re-based onto another area set', () => {
  it('give the figures GET /api/aggregates.csv?areaSet= gives, as a job of their own', async () => {
    t.clock.now = new Date('2026-11-24T08:00:00Z');
    const put = await authed(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(responseBody()) });
    expect(put.status).toBe(201);
    await t.foldPending();
    const ask = { roundId: 'cds-2024', kind: 'aggregates', format: 'csv', areaSet: 'bim-son-2025' };
    const res = await start(ask, 'official');
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const fromJob = await fileOf(id, 'official');
    const direct = await (await authed('/api/aggregates.csv?roundId=cds-2024&level=ward&areaSet=bim-son-2025', 'official')).text();
    expect(fromJob).toContain(';14812;Phường Bỉm Sơn;');
    // The same text (a downloaded response's text() drops the byte-order mark the file starts with).
    expect(fromJob.replace(/^\uFEFF/, '')).toBe(direct);

    // The set shown is part of the job's key: the same figures on the round's own set are another job.
    expect((await (await start(ask, 'official')).json()).id).toBe(id);
    expect((await (await start({ ...ask, areaSet: undefined }, 'official')).json()).id).not.toBe(id);
    // A Lam Sơn official reads no whole new ward.
    expect((await start(ask, 'official-14815')).status).toBe(403);
  });

  it('refuses an unknown set, and a set for raw responses, on the field areaSet', async () => {
    for (const body of [
      { roundId: 'cds-2024', kind: 'aggregates', format: 'csv', areaSet: 'nowhere' },
      { roundId: 'cds-2024', kind: 'responses', format: 'csv', areaSet: 'bim-son-2025' },
    ]) {
      const res = await start(body);
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe('areaSet');
    }
  });

  it('lets only the officials who may list its responses review one: the Ba Đình official may not approve it', async () => {
    const review = (username: string) =>
      authed(`/api/responses/${ids[0]}/review`, username, { method: 'POST', body: JSON.stringify({ state: 'approved' }), headers: { 'if-match': '1' } });
    expect((await review('official-ba-dinh')).status).toBe(403);
    expect((await review('official-14815')).status).toBe(403);
    expect((await review('official-bim-son')).status).toBe(200);
  });
});
