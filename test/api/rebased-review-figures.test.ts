// The review figures of a round re-based onto another area set, through the API: per new ward the households
// per review state, the counted figures and (approved policy) the provisional ones equal a count of the stored
// responses of the units and villages that formed it, and the downloads carry the state counts.
import { randomUUID } from 'node:crypto';
import { denominatorKey, numeratorKey, type Tally, tallyOf } from '@shared/indicators/tally';
import { countedStates, REVIEW_STATES, type ReviewState, SUBMITTED_STATES } from '@shared/review/review';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { VILLAGE_TALLY_TTL_MS } from '../../functions/lib/services/results/village-tallies';
import { adult, child, responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const call = async (path: string, username: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
  t.app.request(path, {
    method: init.method ?? 'GET',
    body: init.body,
    headers: { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json', ...init.headers },
  });

// Bắc Sơn (14821) split by villages: Doãi Thôn and Đông Thôn join Lam Sơn (14815) in w1, Sơn Nam joins Ngọc
// Trạo (14809) in w2; Xuân Nội is in no link. Quang Trung (14824) forms w3 alone and has no response.
const SPLIT_SET = [
  'code,name,level,parent_code,from,from_villages',
  '38,Tỉnh Thanh Hóa,province,,,',
  'w1,Phường Một,ward,38,14815,',
  'w2,Phường Hai,ward,38,14809,',
  'w3,Phường Ba,ward,38,14824,',
  'w1-doai,Doãi Thôn,village,w1,,14821-doai-thon',
  'w1-dong,Đông Thôn,village,w1,,14821-dong-thon',
  'w2-son-nam,Sơn Nam,village,w2,,14821-son-nam',
].join('\n');
const NEW_WARD_OF: Record<string, string> = {
  '14815': 'w1',
  '14821-doai-thon': 'w1',
  '14821-dong-thon': 'w1',
  '14809': 'w2',
  '14821-son-nam': 'w2',
  '14824': 'w3',
};
const FORMED_FROM = ['14815', '14821', '14809', '14824'];

/** Records the households and reviews them as listed; answers the ids. */
async function seed(): Promise<string[]> {
  const imported = await call('/api/area-sets?id=bim-son-split&name=Chia&effectiveFrom=2025-07-01&fromSetId=bim-son-2020', 'admin', {
    method: 'POST',
    body: SPLIT_SET,
    headers: { 'content-type': 'text/csv' },
  });
  expect(imported.status).toBe(201);
  const households: { ward: string; village: string; fibre: boolean; state?: ReviewState }[] = [
    { ward: '14815', village: '14815-khu-pho-1', fibre: true, state: 'approved' },
    { ward: '14815', village: '14815-khu-pho-2', fibre: false },
    { ward: '14815', village: '14815-khu-pho-3', fibre: true, state: 'rejected' },
    { ward: '14821', village: '14821-doai-thon', fibre: true, state: 'approved' },
    { ward: '14821', village: '14821-doai-thon', fibre: false, state: 'returned' },
    { ward: '14821', village: '14821-dong-thon', fibre: true, state: 'rejected' },
    { ward: '14821', village: '14821-son-nam', fibre: false, state: 'returned' },
    { ward: '14821', village: '14821-son-nam', fibre: true },
    { ward: '14821', village: '14821-son-nam', fibre: true, state: 'approved' },
    { ward: '14821', village: '14821-xuan-noi', fibre: true, state: 'approved' },
    { ward: '14809', village: '14809-khu-pho-1', fibre: false, state: 'approved' },
  ];
  const ids: string[] = [];
  for (const h of households) {
    const id = randomUUID();
    const body = responseBody({ wardCode: h.ward, villageCode: h.village, members: [adult(), child()] });
    body.household = { ...body.household, fiber_broadband: h.fibre };
    expect((await call(`/api/responses/${id}`, 'admin', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(201);
    if (h.state) {
      const comment = h.state === 'approved' ? {} : { comment: 'Xem lại' };
      const reviewed = await call(`/api/responses/${id}/review`, 'admin', {
        method: 'POST',
        body: JSON.stringify({ state: h.state, ...comment }),
        headers: { 'if-match': '1' },
      });
      expect(reviewed.status).toBe(200);
    }
    ids.push(id);
  }
  await t.foldPending();
  return ids;
}

/** Per new ward and review state, the summed tallies of the stored responses, counted straight from the store. */
async function countStored(): Promise<Map<string, Map<ReviewState, Tally>>> {
  const out = new Map<string, Map<ReviewState, Tally>>();
  for (const ward of FORMED_FROM) {
    for await (const item of t.repo.responses.listAllInWard('cds-2024', ward)) {
      const to = NEW_WARD_OF[item.wardCode] ?? NEW_WARD_OF[item.villageCode];
      if (item.deletedAt || !to) continue;
      const states = out.get(to) ?? new Map<ReviewState, Tally>();
      const state = item.review?.state ?? 'submitted';
      const sum = states.get(state) ?? {};
      for (const [key, value] of Object.entries(tallyOf(item))) sum[key] = (sum[key] ?? 0) + value;
      states.set(state, sum);
      out.set(to, states);
    }
  }
  return out;
}

const sumOver = (states: Map<ReviewState, Tally> | undefined, which: readonly ReviewState[], key: string) =>
  which.reduce((sum, state) => sum + (states?.get(state)?.[key] ?? 0), 0);

type Figures = { id: string; numerator: number; denominator: number }[];
type Area = {
  code: string;
  households: Record<string, number | null>;
  indicators: Figures;
  provisional?: { households: { surveyed: number }; members: number; indicators: Figures };
};

async function expectCountedFromStore(policy: 'submitted' | 'approved') {
  const res = await call('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-split', 'official');
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ countPolicy: policy, areaSetId: 'bim-son-split', rebasedFrom: 'bim-son-2020' });
  const stored = await countStored();
  const areas = body.areas as Area[];
  expect(areas.map((a) => a.code)).toEqual(['w1', 'w2', 'w3']);
  for (const area of areas) {
    const states = stored.get(area.code);
    for (const state of REVIEW_STATES) expect([area.code, state, area.households[state]]).toEqual([area.code, state, sumOver(states, [state], 'households')]);
    expect(area.households.surveyed).toBe(sumOver(states, countedStates(policy), 'households'));
    const expectFigures = (figures: Figures, which: readonly ReviewState[]) => {
      for (const i of figures)
        expect([area.code, i.id, i.numerator, i.denominator]).toEqual([
          area.code,
          i.id,
          sumOver(states, which, numeratorKey(i.id)),
          sumOver(states, which, denominatorKey(i.id)),
        ]);
    };
    expectFigures(area.indicators, countedStates(policy));
    if (policy === 'submitted') expect(area.provisional).toBeUndefined();
    else {
      expect(area.provisional?.households.surveyed).toBe(sumOver(states, SUBMITTED_STATES, 'households'));
      expect(area.provisional?.members).toBe(sumOver(states, SUBMITTED_STATES, 'members'));
      expectFigures(area.provisional!.indicators, SUBMITTED_STATES);
    }
  }
  return areas;
}

describe('review figures re-based onto another area set', () => {
  it('gives per-state counts and, under the approved policy, provisional figures equal to a count of the stored responses', async () => {
    await seed();
    const areas = await expectCountedFromStore('submitted');
    // Spelled out once: w1 = Lam Sơn's three + Doãi Thôn's two + Đông Thôn's one; w3 had no response.
    expect(areas[0]!.households).toMatchObject({ surveyed: 4, submitted: 1, approved: 2, returned: 1, rejected: 2 });
    expect(areas[2]!.households).toMatchObject({ surveyed: 0, submitted: 0, approved: 0, returned: 0, rejected: 0 });

    expect((await call('/api/rounds/cds-2024', 'admin', { method: 'PATCH', body: JSON.stringify({ countPolicy: 'approved' }) })).status).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 10 * 60_000);
    const approved = await expectCountedFromStore('approved');
    expect(approved[1]!.households).toMatchObject({ surveyed: 2, submitted: 1, approved: 2, returned: 1, rejected: 0 });
    expect(approved[1]!.provisional?.households.surveyed).toBe(4);
  });

  it("shows a review in a split ward's village within the village cache's time", async () => {
    const ids = await seed();
    await expectCountedFromStore('submitted');
    // Sơn Nam's waiting household (the eighth) approved: its ward's row moves at once, its village count later.
    expect(
      (await call(`/api/responses/${ids[7]}/review`, 'admin', { method: 'POST', body: JSON.stringify({ state: 'approved' }), headers: { 'if-match': '1' } }))
        .status,
    ).toBe(200);
    await t.foldPending();
    const cached = (await (await call('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-split', 'official')).json()).areas as Area[];
    expect(cached[1]!.households).toMatchObject({ submitted: 1, approved: 2 });
    t.clock.now = new Date(t.clock.now.getTime() + VILLAGE_TALLY_TTL_MS);
    const areas = await expectCountedFromStore('submitted');
    expect(areas[1]!.households).toMatchObject({ submitted: 0, approved: 3 });
  });

  it('carries the households per review state in the CSV and XLSX of the re-based view, English on request', async () => {
    await seed();
    const api = (await (await call('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-split', 'official')).json()).areas as Area[];
    const csv = await (
      await call('/api/aggregates.csv?roundId=cds-2024&level=ward&areaSet=bim-son-split', 'official', { headers: { 'accept-language': 'en' } })
    ).text();
    const [columns, ...lines] = parse(csv, { bom: true }) as string[][];
    const states = ['Households waiting for review', 'Households approved', 'Households returned for correction', 'Households rejected'];
    expect(columns!.slice(-5)).toEqual([...states, 'Note']);
    const w1 = lines.find((line) => line[columns!.indexOf('Area code')] === 'w1')!;
    const at = (name: string) => w1[columns!.indexOf(name)];
    expect(states.map(at)).toEqual(REVIEW_STATES.map((state) => String(api[0]!.households[state])));

    const xlsx = await call('/api/aggregates.xlsx?roundId=cds-2024&level=ward&areaSet=bim-son-split', 'official');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const heads = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(heads.slice(-5)).toEqual(['Số hộ chờ duyệt', 'Số hộ đã duyệt', 'Số hộ trả lại để sửa', 'Số hộ không chấp nhận', 'Ghi chú']);
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'w2')!;
    const first = heads.length - 4;
    expect(REVIEW_STATES.map((_, i) => row.getCell(first + i).value)).toEqual(REVIEW_STATES.map((state) => api[1]!.households[state]));
  });
});
