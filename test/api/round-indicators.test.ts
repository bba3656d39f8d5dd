// A round's own indicator list, edited at any time (closed rounds too): targets show at once, a new definition is
// recomputed in the background while the officials keep the previous figures, marked as being recomputed.
import { randomUUID } from 'node:crypto';
import type { Indicator } from '@shared/questionnaire/definition';
import { beforeEach, describe, expect, it } from 'vitest';
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

const SMARTPHONE_AND_CASHLESS: Indicator = {
  id: 'pop_smartphone_cashless',
  unit: 'person',
  population: { q: 'age', gte: 15 },
  numerator: {
    all: [
      { q: 'has_smartphone', eq: true },
      { q: 'cashless_essential', eq: true },
    ],
  },
  label: {
    vi: 'Tỷ lệ người từ 15 tuổi có điện thoại thông minh và thanh toán không dùng tiền mặt',
    en: 'People aged 15+ with a smartphone who pay cashless',
  },
  target: 0.6,
  source: 'Kế hoạch tỉnh 2026',
};

async function seed() {
  const bodies = [
    // 2 people 15+: both smartphone and cashless → 2 of 2; the child is outside the population.
    responseBody({ members: [adult(), adult({ name: 'Trần Thị B' }), child()] }),
    // 1 person 15+ with a smartphone who pays cash → 0 of 1.
    responseBody({ members: [adult({ cashless_essential: false })] }),
  ];
  for (const body of bodies) {
    expect((await authed(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(201);
  }
  await t.foldPending();
}

const indicatorsOf = async () => (await (await authed('/api/rounds/cds-2024/indicators', 'admin')).json()).indicators as Indicator[];
const put = async (indicators: unknown, username = 'admin') =>
  authed('/api/rounds/cds-2024/indicators', username, { method: 'PUT', body: JSON.stringify({ indicators }) });
const wardFigures = async () => {
  const body = await (await authed('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json();
  return { body, lamSon: body.areas.find((a: { code: string }) => a.code === '14815') };
};

describe('a round’s indicator list', () => {
  it('starts as the questionnaire’s list and says what the figures count', async () => {
    const list = await indicatorsOf();
    expect(list.map((i) => i.id)).toContain('hh_fiber_broadband');
    const { body } = await wardFigures();
    expect(body.indicators.map((i: Indicator) => i.id)).toEqual(list.map((i) => i.id));
    expect(body.recompute).toBeNull();
  });

  it('adds an indicator to a closed round: previous figures marked as recomputing, then the new one exact', async () => {
    await seed();
    t.clock.now = new Date('2028-02-01T08:00:00Z'); // the round closed at the end of 2027
    const before = await indicatorsOf();
    const res = await put([...before, SMARTPHONE_AND_CASHLESS]);
    expect(res.status).toBe(200);
    const saved = await res.json();
    expect(saved.indicators.at(-1)).toEqual(SMARTPHONE_AND_CASHLESS);
    expect(saved.recompute).toMatchObject({ state: 'running', processed: 0 });

    // Until the job is done, officials read the previous list, told that it is being recomputed.
    const during = await wardFigures();
    expect(during.body.recompute).toMatchObject({ state: 'running' });
    expect(during.body.indicators.map((i: Indicator) => i.id)).not.toContain(SMARTPHONE_AND_CASHLESS.id);

    expect(await t.runRecomputeJobs()).toEqual(['done']);
    const after = await wardFigures();
    expect(after.body.recompute).toBeNull();
    expect(after.body.indicators.at(-1)).toMatchObject({ id: SMARTPHONE_AND_CASHLESS.id, label: SMARTPHONE_AND_CASHLESS.label });
    expect(after.lamSon.indicators.find((i: { id: string }) => i.id === SMARTPHONE_AND_CASHLESS.id)).toEqual({
      id: SMARTPHONE_AND_CASHLESS.id,
      numerator: 2,
      denominator: 3,
      percent: 66.7,
      target: 60,
      met: true,
    });
    // A ward nobody answered in: no data, not 0%.
    const baDinh = after.body.areas.find((a: { code: string }) => a.code === '14812');
    expect(baDinh.indicators.find((i: { id: string }) => i.id === SMARTPHONE_AND_CASHLESS.id)).toMatchObject({ denominator: 0, percent: null, met: null });

    // The stream keeps it exact from then on.
    t.clock.now = new Date('2026-11-24T08:00:00Z');
    const body = responseBody({ members: [adult({ has_smartphone: false })] });
    expect((await authed(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(201);
    await t.foldPending();
    const later = await wardFigures();
    expect(later.lamSon.indicators.find((i: { id: string }) => i.id === SMARTPHONE_AND_CASHLESS.id)).toMatchObject({ numerator: 2, denominator: 4 });

    // Downloads follow the list.
    const csv = await (await authed('/api/aggregates.csv?roundId=cds-2024&level=ward', 'official')).text();
    expect(csv).toContain(SMARTPHONE_AND_CASHLESS.label.vi);
  });

  it('shows a target change at once, without a recompute', async () => {
    await seed();
    const list = await indicatorsOf();
    const changed = list.map((i) => (i.id === 'hh_fiber_broadband' ? { ...i, target: 0.95 } : i));
    const saved = await (await put(changed)).json();
    expect(saved.recompute).toBeNull();
    expect(await t.runRecomputeJobs()).toEqual([]);
    const { lamSon } = await wardFigures();
    expect(lamSon.indicators.find((i: { id: string }) => i.id === 'hh_fiber_broadband').target).toBe(95);
  });

  it('keeps counting the stream into a recompute under way, so the new figures miss nothing', async () => {
    await seed();
    await put([SMARTPHONE_AND_CASHLESS]);
    // A household arrives after the list changed and before the job ran.
    const body = responseBody({ members: [adult(), adult({ cashless_essential: false })] });
    expect((await authed(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(201);
    await t.foldPending();
    expect(await t.runRecomputeJobs()).toEqual(['done']);
    const { body: figures, lamSon } = await wardFigures();
    expect(figures.indicators.map((i: Indicator) => i.id)).toEqual([SMARTPHONE_AND_CASHLESS.id]);
    expect(lamSon.indicators).toEqual([expect.objectContaining({ numerator: 3, denominator: 5 })]);
    expect(lamSon.households.surveyed).toBe(3);
  });

  it('drops a recompute a later save made needless', async () => {
    await seed();
    const before = await indicatorsOf();
    await put([...before, SMARTPHONE_AND_CASHLESS]);
    await put(before);
    expect(await t.runRecomputeJobs()).toEqual(['superseded']);
    expect((await wardFigures()).body.recompute).toBeNull();
  });

  it('refuses a bad list field by field, and writes nothing', async () => {
    const before = await indicatorsOf();
    const res = await put([{ ...SMARTPHONE_AND_CASHLESS, numerator: { q: 'no_such_question', eq: true } }]);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues.map((i: { path: string }) => i.path)).toContainEqual(expect.stringMatching(/^indicators\.0\.numerator/));
    const dup = await put([SMARTPHONE_AND_CASHLESS, SMARTPHONE_AND_CASHLESS]);
    expect(dup.status).toBe(400);
    expect((await put('not a list')).status).toBe(400);
    expect(await indicatorsOf()).toEqual(before);
  });

  it('lets only admins change it; an unknown round is 404', async () => {
    expect((await put([SMARTPHONE_AND_CASHLESS], 'official')).status).toBe(403);
    expect((await authed('/api/rounds/no-such-round/indicators', 'admin')).status).toBe(404);
    expect((await authed(`/api/rounds/${'x'.repeat(2000)}/indicators`, 'admin')).status).toBe(400);
  });
});
