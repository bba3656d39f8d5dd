// The downloads officials take into Excel: the CSV parses with a standard parser and keeps Vietnamese text;
// the XLSX opens with an independent reader (exceljs; the server writes with write-excel-file) and holds
// the same numbers as the JSON API.
import { randomUUID } from 'node:crypto';
import { INDICATORS } from '@shared/indicators/catalogue';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { csvDecimal, parseAggregatesCsv } from '../support/aggregates-csv';
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

async function seedResponses() {
  const bodies = [
    responseBody({ members: [adult(), child()] }),
    responseBody({
      members: [adult({ has_smartphone: false })],
      household: { ...responseBody().household, head_name: '=HYPERLINK("x")', fiber_broadband: false },
    }),
    responseBody({ wardCode: '14809', villageCode: '14809-khu-pho-2' }),
  ];
  for (const body of bodies) {
    const collector = body.wardCode === '14809' ? 'collector-14809' : 'collector-14815';
    expect((await authed(`/api/responses/${randomUUID()}`, collector, { method: 'PUT', body: JSON.stringify(body) })).status).toBe(201);
  }
  await t.foldPending();
}

async function readWorkbook(res: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

describe('aggregates.xlsx', () => {
  it('opens with an independent reader: one sheet per level, header frozen, the API numbers as numbers', async () => {
    await seedResponses();
    const res = await authed('/api/aggregates.xlsx?roundId=cds-2024', 'official');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('phieu-cds-2024-all.xlsx');
    const workbook = await readWorkbook(res);
    // The official of the town reads wards and the town, not the province.
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Phường, xã', 'Thị xã']);

    for (const [sheetIndex, level] of [
      [0, 'ward'],
      [1, 'district'],
    ] as const) {
      const sheet = workbook.worksheets[sheetIndex];
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).getCell(1).value).toBe('Mã địa bàn');
      const api = await (await authed(`/api/aggregates?roundId=cds-2024&level=${level}`, 'official')).json();
      expect(sheet.rowCount).toBe(1 + api.areas.length * INDICATORS.length);
      let rowNumber = 2;
      for (const area of api.areas) {
        for (const result of area.indicators) {
          const row = sheet.getRow(rowNumber++);
          expect(row.getCell(1).value).toBe(area.code);
          expect(row.getCell(2).value).toBe(area.name);
          expect(row.getCell(3).value).toBe(area.households.surveyed);
          expect(row.getCell(4).value ?? null).toBe(area.households.total);
          expect(row.getCell(6).value).toBe(result.id);
          expect(row.getCell(7).value).toBe(INDICATORS.find((i) => i.id === result.id)!.vi);
          expect(row.getCell(8).value).toBe(result.numerator);
          expect(row.getCell(9).value).toBe(result.denominator);
          const percent = row.getCell(10);
          // Nobody in the denominator: said in words, never an empty or 0% cell.
          if (result.percent === null) expect(percent.value).toBe('Chưa có số liệu');
          else {
            expect(typeof percent.value).toBe('number');
            expect((percent.value as number) * 100).toBeCloseTo(result.percent, 9);
            expect(percent.numFmt).toBe('0.0%');
          }
          if (result.target !== null) expect((row.getCell(11).value as number) * 100).toBeCloseTo(result.target, 9);
          expect(row.getCell(12).value ?? null).toBe(result.met === null ? null : result.met ? 'Đạt' : 'Chưa đạt');
        }
      }
    }
  });

  it('narrows to one level with `level`, writes English headers on request, and keeps the province from officials', async () => {
    const res = await authed('/api/aggregates.xlsx?roundId=cds-2024&level=province', 'admin', { headers: { 'accept-language': 'en' } });
    const workbook = await readWorkbook(res);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Province']);
    expect(workbook.worksheets[0].getRow(1).getCell(7).value).toBe('Indicator');
    expect(workbook.worksheets[0].getRow(2).getCell(7).value).toBe(INDICATORS[0].en);
    expect((await authed('/api/aggregates.xlsx?roundId=cds-2024&level=province', 'official')).status).toBe(403);
    expect((await authed('/api/aggregates.xlsx?roundId=cds-2024', 'collector-14815')).status).toBe(403);
    expect((await authed('/api/aggregates.xlsx?roundId=nope', 'official')).status).toBe(400);
    expect((await authed('/api/aggregates.xlsx?roundId=cds-2024&level=village', 'official')).status).toBe(400);
  });
});

describe('aggregates.csv', () => {
  it('parses with a standard CSV parser, round-trips Vietnamese and matches the API, the totals after the wards', async () => {
    await seedResponses();
    const res = await authed('/api/aggregates.csv?roundId=cds-2024&level=ward', 'official');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    // What a Vietnamese Excel opens by double-click: `;` between cells, Vietnamese headers.
    expect(text.slice(0, text.indexOf('\r\n'))).toBe(
      'Mã đợt khảo sát;Cấp;Mã địa bàn;Tên địa bàn;Số hộ đã khảo sát;Tổng số hộ;Mã chỉ tiêu;Tên chỉ tiêu;Tử số;Mẫu số;Tỷ lệ;Mục tiêu;Đánh giá;' +
        'Số hộ chờ duyệt;Số hộ đã duyệt;Số hộ trả lại để sửa;Số hộ không chấp nhận',
    );
    const records = parseAggregatesCsv(text);
    for (const [level, name] of [
      ['ward', 'Phường, xã'],
      ['district', 'Thị xã'],
    ] as const) {
      const api = await (await authed(`/api/aggregates?roundId=cds-2024&level=${level}`, 'official')).json();
      const rows = records.filter((r) => r.level === name);
      expect(rows).toHaveLength(api.areas.length * INDICATORS.length);
      for (const area of api.areas) {
        for (const result of area.indicators) {
          const row = rows.find((r) => r.area_code === area.code && r.indicator_id === result.id)!;
          expect(row).toMatchObject({
            round: 'cds-2024',
            area_name: area.name,
            households_surveyed: String(area.households.surveyed),
            numerator: String(result.numerator),
            denominator: String(result.denominator),
            percent: csvDecimal(result.percent),
            target: csvDecimal(result.target),
            met: result.met === null ? '' : result.met ? 'Đạt' : 'Chưa đạt',
            households_submitted: String(area.households.submitted),
            households_approved: String(area.households.approved),
            households_returned: String(area.households.returned),
            households_rejected: String(area.households.rejected),
          });
        }
      }
    }
    // Wards first, then the town total; the official of the town does not read the province.
    expect(records.at(-1)!.level).toBe('Thị xã');
    expect(new Set(records.map((r) => r.level))).toEqual(new Set(['Phường, xã', 'Thị xã']));
    const lamSonEhr = records.find((r) => r.area_code === '14815' && r.indicator_id === 'pop_ehr')!;
    expect(lamSonEhr.area_name).toBe('Phường Lam Sơn');
    expect(lamSonEhr.indicator_name).toBe('Tỷ lệ người dân có hồ sơ sức khỏe điện tử');
  });

  it('writes English headers, `,` and a decimal point on request, and the province total for an admin', async () => {
    await seedResponses();
    const res = await authed('/api/aggregates.csv?roundId=cds-2024&level=district', 'admin', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.slice(0, text.indexOf(','))).toBe('Round');
    const records = parseAggregatesCsv(text, 'en');
    expect(records.map((r) => r.level)).toEqual([...INDICATORS.map(() => 'Town'), ...INDICATORS.map(() => 'Province')]);
    const api = await (await authed('/api/aggregates?roundId=cds-2024&level=province', 'admin')).json();
    const fibre = api.areas[0].indicators.find((i: { id: string }) => i.id === 'hh_fiber_broadband');
    expect(records.find((r) => r.level === 'Province' && r.indicator_id === 'hh_fiber_broadband')).toMatchObject({
      percent: csvDecimal(fibre.percent, 'en'),
      met: fibre.met === null ? '' : fibre.met ? 'Met' : 'Not met',
    });
    expect((await authed('/api/aggregates.csv?roundId=cds-2024&level=province', 'official')).status).toBe(403);
  });
});

describe('round comparison', () => {
  it('gives the change per ward and indicator in percentage points between two rounds', async () => {
    await t.repo.reference.putRound({
      id: 'cds-2025',
      name: 'Khảo sát CĐS 2025',
      form: 'household-dx',
      formVersion: 1,
      referenceYear: 2025,
      opensAt: '2025-10-01T00:00:00Z',
      closesAt: '2027-01-01T00:00:00Z',
    });
    // 2024: one household of Lam Sơn without fibre; 2025: two, one with fibre.
    const put = async (roundId: string, fiber: boolean) => {
      const body = responseBody({ roundId, household: { ...responseBody().household, fiber_broadband: fiber } });
      expect((await authed(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(201);
    };
    await put('cds-2024', false);
    await put('cds-2025', true);
    await put('cds-2025', false);
    await t.foldPending();

    const res = await authed('/api/aggregates/compare?roundId=cds-2025&baseRoundId=cds-2024&level=ward', 'official');
    expect(res.status).toBe(200);
    const comparison = await res.json();
    expect(comparison).toMatchObject({ roundId: 'cds-2025', baseRoundId: 'cds-2024', level: 'ward' });
    const lamSon = comparison.areas.find((a: { code: string }) => a.code === '14815');
    expect(lamSon.households).toEqual({ surveyed: 2, baseSurveyed: 1 });
    expect(lamSon.indicators.find((i: { id: string }) => i.id === 'hh_fiber_broadband')).toEqual({
      id: 'hh_fiber_broadband',
      percent: 50,
      basePercent: 0,
      change: 50,
      met: false,
      baseMet: false,
      inBase: true,
      definitionChanged: false,
    });
    const baDinh = comparison.areas.find((a: { code: string }) => a.code === '14812');
    expect(baDinh.indicators[0]).toMatchObject({ percent: null, basePercent: null, change: null });

    expect((await authed('/api/aggregates/compare?roundId=cds-2025&baseRoundId=nope', 'official')).status).toBe(400);
    expect((await authed('/api/aggregates/compare?roundId=cds-2025&baseRoundId=cds-2024', 'collector-14815')).status).toBe(403);
  });
});
