// Re-basing on DynamoDB Local, over HTTP: households of the 2024 round recorded on the seven former units, the
// stream folds them, and the round's figures on the 2025 wards equal the sums taken directly from the responses;
// and a round on the 2025 wards recomputed by `npm run recompute` in its own set.
import { randomUUID } from 'node:crypto';
import { denominatorKey, numeratorKey, type Tally, tallyOf } from '@shared/indicators/tally';
import { REVIEW_STATES, type ReviewState } from '@shared/review/review';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VILLAGE_TALLY_TTL_MS } from '../../functions/lib/services/results/village-tallies';
import { main as recomputeMain } from '../../infra/local/recompute';
import { type LocalStack, startLocalStack } from '../../infra/local/stack';
import { adult, child, responseBody } from '../support/fixtures';
import { round2026 } from '../support/survey-fixtures';

let stack: LocalStack;
/** Moves the stack's clock on (past the village counts' cache) without waiting. */
let clockOffset = 0;
const tokens: Record<string, string> = {};
const USERS = ['admin', 'official', 'collector-14815', 'collector-14821', 'collector-14809', 'collector-14824'];

beforeAll(async () => {
  stack = await startLocalStack({ clock: () => new Date(Date.now() + clockOffset) });
  for (const username of USERS) {
    const res = await fetch(`${stack.url}/api/session`, { method: 'POST', body: JSON.stringify({ username, password: 'bimson2024' }) });
    tokens[username] = (await res.json()).token;
  }
});
afterAll(async () => stack?.stop());

/** Every household recorded in this file, as sent: the expected figures are summed straight from these. */
const recorded: { id: string; ward: string; village: string; body: ReturnType<typeof responseBody>; state?: ReviewState }[] = [];

const call = (path: string, username: string, init: RequestInit = {}) =>
  fetch(`${stack.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${tokens[username]}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

type Area = {
  code: string;
  households: { surveyed: number } & Partial<Record<ReviewState, number>>;
  indicators: { id: string; numerator: number; denominator: number }[];
  notes?: { units: string[] }[];
};

describe('the 2024 round on the 2025 wards, on DynamoDB Local', () => {
  it('sums each new ward exactly from the responses of the units that formed it, with Hà Vinh noted', async () => {
    const households = [
      { ward: '14815', village: '14815-khu-pho-1', members: [adult(), child()] },
      { ward: '14815', village: '14815-khu-pho-2', members: [adult({ has_smartphone: false })] },
      { ward: '14821', village: '14821-doai-thon', members: [adult(), adult({ has_ehr: false })] },
      { ward: '14809', village: '14809-khu-pho-2', members: [adult()] },
      { ward: '14824', village: '14824-thon-1', members: [adult({ has_smartphone: false }), child()] },
    ];
    for (const h of households) {
      const body = responseBody({ wardCode: h.ward, villageCode: h.village, members: h.members });
      const id = randomUUID();
      const res = await call(`/api/responses/${id}`, `collector-${h.ward}`, { method: 'PUT', body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      recorded.push({ id, ward: h.ward, village: h.village, body });
    }
    await stack.poller.idle();
    const old = (await (await call('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json()).areas as Area[];
    const res = await call('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-2025', 'official');
    expect(res.status).toBe(200);
    const areas = (await res.json()).areas as Area[];
    const formedFrom: Record<string, string[]> = { '14812': ['14821', '14815', '14812'], '14818': ['14809', '14818', '14823', '14824'] };
    for (const area of areas) {
      const from = formedFrom[area.code]!;
      // Households surveyed straight from what was recorded.
      expect(area.households.surveyed).toBe(households.filter((h) => from.includes(h.ward)).length);
      for (const indicator of area.indicators) {
        const parts = old.filter((a) => from.includes(a.code)).map((a) => a.indicators.find((i) => i.id === indicator.id)!);
        expect([indicator.numerator, indicator.denominator]).toEqual([
          parts.reduce((s, p) => s + p.numerator, 0),
          parts.reduce((s, p) => s + p.denominator, 0),
        ]);
      }
    }
    expect(areas.map((a) => [a.code, a.households.surveyed])).toEqual([
      ['14812', 3],
      ['14818', 2],
    ]);
    expect(areas[0]!.notes?.[0]?.units).toEqual(['15277']);
  });

  it('brings each village of a unit split by villages to its new ward, exactly as its responses add up', async () => {
    // Bắc Sơn (14821) split by villages: Doãi Thôn and Đông Thôn join Lam Sơn (14815) in W1, Sơn Nam joins Ngọc
    // Trạo (14809) in W2. Imported as CSV, as an admin would.
    const csv = [
      'code,name,level,parent_code,from,from_villages',
      '38,Tỉnh Thanh Hóa,province,,,',
      'w1,Phường Một,ward,38,14815,',
      'w2,Phường Hai,ward,38,14809,',
      'w1-doai,Doãi Thôn,village,w1,,14821-doai-thon',
      'w1-dong,Đông Thôn,village,w1,,14821-dong-thon',
      'w2-son-nam,Sơn Nam,village,w2,,14821-son-nam',
    ].join('\n');
    const imported = await call('/api/area-sets?id=bim-son-split&name=Chia&effectiveFrom=2025-07-01&fromSetId=bim-son-2020', 'admin', {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(201);
    const households = [
      { ward: '14815', village: '14815-khu-pho-3', members: [adult(), child()] },
      { ward: '14821', village: '14821-doai-thon', members: [adult({ has_smartphone: false }), adult()] },
      { ward: '14821', village: '14821-dong-thon', members: [adult({ has_ehr: false })] },
      { ward: '14821', village: '14821-son-nam', members: [adult(), child(), adult({ has_smartphone: false })] },
      { ward: '14809', village: '14809-khu-pho-1', members: [adult()] },
      // Xuân Nội is in no link of the split: its household counts in no new ward.
      { ward: '14821', village: '14821-xuan-noi', members: [adult()] },
    ];
    for (const h of households) {
      const body = responseBody({ wardCode: h.ward, villageCode: h.village, members: h.members });
      const id = randomUUID();
      const res = await call(`/api/responses/${id}`, `collector-${h.ward}`, { method: 'PUT', body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      recorded.push({ id, ward: h.ward, village: h.village, body });
    }
    // Every household recorded in this file (the first test's too), summed onto its new ward by the mapping.
    const newWardOf: Record<string, string> = {
      '14815': 'w1',
      '14821-doai-thon': 'w1',
      '14821-dong-thon': 'w1',
      '14809': 'w2',
      '14821-son-nam': 'w2',
    };
    const expected = new Map<string, Tally>();
    for (const { ward, village, body } of recorded) {
      const to = newWardOf[ward] ?? newWardOf[village];
      if (!to) continue;
      const sum = expected.get(to) ?? {};
      for (const [key, value] of Object.entries(tallyOf({ referenceYear: 2024, household: body.household, members: body.members })))
        sum[key] = (sum[key] ?? 0) + value;
      expected.set(to, sum);
    }
    await stack.poller.idle();
    const res = await call('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-split', 'official');
    expect(res.status).toBe(200);
    const areas = (await res.json()).areas as Area[];
    expect(areas.map((a) => [a.code, a.households.surveyed])).toEqual([
      ['w1', 6],
      ['w2', 3],
    ]);
    for (const area of areas) {
      const want = expected.get(area.code)!;
      expect(area.households.surveyed).toBe(want.households);
      for (const indicator of area.indicators) {
        expect([indicator.id, indicator.numerator, indicator.denominator]).toEqual([
          indicator.id,
          want[numeratorKey(indicator.id)] ?? 0,
          want[denominatorKey(indicator.id)] ?? 0,
        ]);
      }
      expect(area.notes).toBeUndefined();
    }
  });

  it('gives each new ward its households per review state, reviewed ones in split villages counted in their state', async () => {
    // Reviews in the merged ward and in each part of the split one; Xuân Nội's household (in no link) too.
    const reviews: [string, ReviewState][] = [
      ['14815-khu-pho-3', 'approved'],
      ['14821-doai-thon', 'returned'],
      ['14821-dong-thon', 'rejected'],
      ['14821-son-nam', 'approved'],
      ['14809-khu-pho-1', 'rejected'],
      ['14821-xuan-noi', 'approved'],
    ];
    for (const [village, state] of reviews) {
      const household = recorded.find((r) => r.village === village && !r.state)!;
      const res = await call(`/api/responses/${household.id}/review`, 'admin', {
        method: 'POST',
        body: JSON.stringify({ state, ...(state === 'approved' ? {} : { comment: 'Xem lại' }) }),
        headers: { 'if-match': '1' },
      });
      expect(res.status).toBe(200);
      household.state = state;
    }
    await stack.poller.idle();
    // The split ward's village counts were read by the last test: past their cache's time, they are counted anew.
    clockOffset += VILLAGE_TALLY_TTL_MS;
    const newWardOf: Record<string, string> = { '14815': 'w1', '14821-doai-thon': 'w1', '14821-dong-thon': 'w1', '14809': 'w2', '14821-son-nam': 'w2' };
    const expected = new Map<string, Record<ReviewState, number>>();
    for (const { ward, village, state = 'submitted' } of recorded) {
      const to = newWardOf[ward] ?? newWardOf[village];
      if (!to) continue;
      const counts = expected.get(to) ?? { submitted: 0, approved: 0, returned: 0, rejected: 0 };
      counts[state] += 1;
      expected.set(to, counts);
    }
    const res = await call('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-split', 'official');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.countPolicy).toBe('submitted');
    const areas = body.areas as Area[];
    for (const area of areas) {
      const want = expected.get(area.code)!;
      for (const state of REVIEW_STATES) expect([area.code, state, area.households[state]]).toEqual([area.code, state, want[state]]);
      expect(area.households.surveyed).toBe(want.submitted + want.approved + want.returned);
    }
    expect(areas.map((a) => [a.code, a.households.rejected])).toEqual([
      ['w1', 1],
      ['w2', 1],
    ]);
    // The round's own view gives the same counts for the unsplit wards.
    const own = (await (await call('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json()).areas as Area[];
    const lamSon = own.find((a) => a.code === '14815')!;
    expect(lamSon.households).toMatchObject({ approved: 1, rejected: 0 });
  });

  it('recomputes a 2026 round on the 2025 wards with npm run recompute: its two wards, equal to its responses', async () => {
    const created = await call('/api/rounds', 'admin', { method: 'POST', body: JSON.stringify(round2026({ surveyVersion: 1, areaSetId: 'bim-son-2025' })) });
    expect(created.status).toBe(201);
    const roundId = (await created.json()).id as string;
    const households = [
      { ward: '14812', village: '14812-khu-pho-1', members: [adult(), child()] },
      { ward: '14812', village: '14812-khu-pho-2', members: [adult({ has_smartphone: false })] },
      { ward: '14818', village: '14809-khu-pho-1', members: [adult(), adult({ has_ehr: false })] },
    ];
    const expected = new Map<string, Tally>();
    for (const h of households) {
      const body = responseBody({ roundId, wardCode: h.ward, villageCode: h.village, members: h.members });
      const res = await call(`/api/responses/${randomUUID()}`, 'admin', { method: 'PUT', body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      const sum = expected.get(h.ward) ?? {};
      for (const [key, value] of Object.entries(tallyOf({ referenceYear: 2026, household: body.household, members: body.members })))
        sum[key] = (sum[key] ?? 0) + value;
      expected.set(h.ward, sum);
    }
    await stack.poller.idle();

    const out: string[] = [];
    expect(
      await recomputeMain(
        ['--round', roundId, '--endpoint', stack.ddbEndpoint],
        (text) => out.push(text),
        (text) => out.push(text),
      ),
    ).toBe(0);
    // The round's set has two wards: those are the ones checked (the 2020 tree has seven).
    expect(out.join('\n')).toContain(`Round ${roundId}: 2 wards, 3 responses`);
    expect(out.join('\n')).toContain('Remaining drift: none.');

    const res = await call(`/api/aggregates?roundId=${roundId}&level=ward`, 'admin');
    const areas = (await res.json()).areas as Area[];
    expect(areas.map((a) => [a.code, a.households.surveyed])).toEqual([
      ['14812', 2],
      ['14818', 1],
    ]);
    for (const area of areas) {
      const want = expected.get(area.code)!;
      for (const indicator of area.indicators)
        expect([indicator.id, indicator.numerator, indicator.denominator]).toEqual([
          indicator.id,
          want[numeratorKey(indicator.id)] ?? 0,
          want[denominatorKey(indicator.id)] ?? 0,
        ]);
    }
  });
});
