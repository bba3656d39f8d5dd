import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { adult, child, responseBody } from '../support/fixtures';
import { round2026 } from '../support/survey-fixtures';
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

async function submit(body = responseBody()) {
  const res = await authed(`/api/responses/${randomUUID()}`, body.wardCode === '14809' ? 'collector-14809' : 'collector-14815', {
    method: 'PUT',
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
}

type Area = {
  code: string;
  households: { surveyed: number; total: number | null };
  indicators: { id: string; numerator: number; denominator: number }[];
  notes?: { key: string; units: string[]; message: string }[];
};

describe('area sets', () => {
  it('lists both Bỉm Sơn sets, oldest first, with their levels', async () => {
    const { areaSets } = await (await authed('/api/area-sets', 'official')).json();
    expect(areaSets).toEqual([
      {
        id: 'bim-son-2020',
        name: 'Bỉm Sơn đến 30/6/2025',
        effectiveFrom: '2020-01-01',
        effectiveTo: '2025-06-30',
        levels: ['province', 'district', 'ward', 'village'],
      },
      { id: 'bim-son-2025', name: 'Bỉm Sơn từ 1/7/2025', effectiveFrom: '2025-07-01', effectiveTo: null, levels: ['province', 'ward', 'village'] },
    ]);
  });

  it('serves the 2025 wards under the province, with the villages carried over and Hà Vinh marked as placeholders', async () => {
    const { areas } = await (await t.app.request('/api/areas?areaSet=bim-son-2025')).json();
    const wards = areas.filter((a: { level: string }) => a.level === 'ward');
    expect(wards.map((w: { code: string; name: string; parentCode: string }) => [w.code, w.name, w.parentCode])).toEqual([
      ['14812', 'Phường Bỉm Sơn', '38'],
      ['14818', 'Phường Quang Trung', '38'],
    ]);
    expect(areas).toContainEqual(expect.objectContaining({ code: '14815-khu-pho-1', level: 'village', parentCode: '14812' }));
    expect(areas).toContainEqual(expect.objectContaining({ code: '14824-thon-1', level: 'village', parentCode: '14818' }));
    expect(areas.filter((a: { name: string }) => a.name.includes('tên tạm'))).toHaveLength(3);
    expect((await t.app.request('/api/areas?areaSet=nowhere')).status).toBe(400);
    // Without the parameter: the list served as always.
    expect((await (await t.app.request('/api/areas')).json()).areas.filter((a: { level: string }) => a.level === 'ward')).toHaveLength(7);
  });

  it('serves the children of one parent or the units of one level, of a stored set and of the list served as always', async () => {
    const codes = async (query: string) => ((await (await t.app.request(`/api/areas?${query}`)).json()).areas as { code: string }[]).map((a) => a.code);
    expect(await codes('areaSet=bim-son-2025&parent=38')).toEqual(['14812', '14818']);
    expect(await codes('areaSet=bim-son-2025&level=ward')).toEqual(['14812', '14818']);
    const villages = await codes('areaSet=bim-son-2025&parent=14812');
    expect(villages).toContain('14815-khu-pho-1');
    const all = (await (await t.app.request('/api/areas?areaSet=bim-son-2025')).json()).areas as { code: string; parentCode: string }[];
    expect(villages).toEqual(all.filter((a) => a.parentCode === '14812').map((a) => a.code));
    expect(await codes('areaSet=bim-son-2025&parent=14812&level=ward')).toEqual([]);
    expect(await codes('areaSet=bim-son-2025&parent=nowhere')).toEqual([]);
    expect(await codes('level=ward')).toHaveLength(7);
    expect(await codes('parent=14812')).toEqual(await codes('areaSet=bim-son-2020&parent=14812'));
    expect((await t.app.request('/api/areas?level=hamlet')).status).toBe(400);
    expect((await t.app.request('/api/areas?areaSet=nowhere&parent=38')).status).toBe(400);
  });

  it('answers the mapping unit to unit, Hà Vinh included, and 400 without one', async () => {
    const { mapping } = await (await authed('/api/area-sets/bim-son-2025/mapping?from=bim-son-2020', 'official')).json();
    const into = (to: string) => mapping.filter((m: { to: string }) => m.to === to).map((m: { from: string }) => m.from);
    expect(into('14812')).toEqual(['14821', '14815', '14812', '15277']);
    expect(into('14818')).toEqual(['14809', '14818', '14823', '14824']);
    expect((await authed('/api/area-sets/bim-son-2020/mapping?from=bim-son-2025', 'official')).status).toBe(400);
    expect((await authed('/api/area-sets/nowhere/mapping?from=bim-son-2020', 'official')).status).toBe(404);
  });

  it('opens a 2026 round on the 2025 wards; a collector records there only in a ward of that set', async () => {
    const res = await authed('/api/rounds', 'admin', { method: 'POST', body: JSON.stringify(round2026({ surveyVersion: 1, areaSetId: 'bim-son-2025' })) });
    expect(res.status).toBe(201);
    const round = await res.json();
    expect(round.areaSetId).toBe('bim-son-2025');
    const unknown = await authed('/api/rounds', 'admin', { method: 'POST', body: JSON.stringify(round2026({ surveyVersion: 1, areaSetId: 'nowhere' })) });
    expect(unknown.status).toBe(400);
    t.clock.now = new Date('2026-11-20T03:00:00Z');
    // Lam Sơn (14815) is no ward of the 2025 set: its collector cannot record a 2025 ward's village there.
    const lamSon = await authed(`/api/responses/${randomUUID()}`, 'collector-14815', {
      method: 'PUT',
      body: JSON.stringify(responseBody({ roundId: round.id, wardCode: '14815', villageCode: '14815-khu-pho-1' })),
    });
    expect(lamSon.status).toBeGreaterThanOrEqual(400);
    expect(lamSon.status).toBeLessThan(500);
  });

  it('re-bases the 2024 round onto the 2025 wards: sums of the units that formed each, with a note on Hà Vinh', async () => {
    await submit(responseBody({ members: [adult(), child()] }));
    await submit(responseBody({ members: [adult({ has_smartphone: false })] }));
    await submit(responseBody({ wardCode: '14809', villageCode: '14809-khu-pho-2' }));
    await t.foldPending();
    const old = (await (await authed('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json()).areas as Area[];
    const body = await (
      await authed('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-2025', 'official', { headers: { 'accept-language': 'en' } })
    ).json();
    expect(body).toMatchObject({ roundId: 'cds-2024', level: 'ward', areaSetId: 'bim-son-2025', rebasedFrom: 'bim-son-2020' });
    const areas = body.areas as Area[];
    expect(areas.map((a) => a.code)).toEqual(['14812', '14818']);
    const sum = (codes: string[], id: string) => {
      const parts = old.filter((a) => codes.includes(a.code)).map((a) => a.indicators.find((i) => i.id === id)!);
      return { numerator: parts.reduce((s, p) => s + p.numerator, 0), denominator: parts.reduce((s, p) => s + p.denominator, 0) };
    };
    for (const [code, from] of [
      ['14812', ['14821', '14815', '14812']],
      ['14818', ['14809', '14818', '14823', '14824']],
    ] as const) {
      const area = areas.find((a) => a.code === code)!;
      for (const indicator of area.indicators)
        expect({ numerator: indicator.numerator, denominator: indicator.denominator }).toEqual(sum([...from], indicator.id));
      expect(area.households.surveyed).toBe(old.filter((a) => from.includes(a.code as never)).reduce((s, a) => s + a.households.surveyed, 0));
    }
    expect(areas[0].households.surveyed).toBe(2);
    expect(areas[0].notes).toEqual([{ key: 'rebase.not_surveyed', units: ['15277'], message: expect.stringContaining('Hà Vinh') }]);
    expect(areas[1].notes).toBeUndefined();

    const csv = await (await authed('/api/aggregates.csv?roundId=cds-2024&level=ward&areaSet=bim-son-2025', 'official')).text();
    expect(csv.split('\r\n')[0]).toMatch(/;Ghi chú$/);
    expect(csv).toContain('Hà Vinh');
    const xlsx = await authed('/api/aggregates.xlsx?roundId=cds-2024&areaSet=bim-son-2025', 'official');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const lastColumn = sheet.getRow(1).cellCount;
    expect(sheet.getRow(1).getCell(lastColumn).value).toBe('Ghi chú');
    const noteOf = (code: string) =>
      sheet
        .getRows(2, sheet.rowCount - 1)
        ?.find((row) => row.getCell(1).value === code)
        ?.getCell(lastColumn).value;
    expect(String(noteOf('14812'))).toContain('Hà Vinh');
    expect(noteOf('14818') ?? null).toBeNull();
  });

  it("reads scopes in the round's set: the town official sees both new wards, a Lam Sơn official none", async () => {
    const town = await authed('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-2025', 'official');
    expect((await town.json()).areas).toHaveLength(2);
    const lamSon = await authed('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-2025', 'official-14815');
    expect(lamSon.status).toBe(403);
  });

  it('compares the 2024 round with a 2026 round on the 2025 wards', async () => {
    const res = await authed('/api/rounds', 'admin', { method: 'POST', body: JSON.stringify(round2026({ surveyVersion: 1, areaSetId: 'bim-son-2025' })) });
    const round = await res.json();
    const compared = await authed(`/api/aggregates/compare?roundId=${round.id}&baseRoundId=cds-2024&level=ward&areaSet=bim-son-2025`, 'official');
    expect(compared.status).toBe(200);
    const body = await compared.json();
    expect(body.areas.map((a: { code: string }) => a.code)).toEqual(['14812', '14818']);
    expect(body.areas[0].notes).toEqual([expect.objectContaining({ key: 'rebase.not_surveyed', units: ['15277'] })]);
  });
});
