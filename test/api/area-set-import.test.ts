import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const post = async (path: string, body: unknown, username = 'admin') =>
  t.app.request(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json', 'accept-language': 'en' },
  });

// Phường Bỉm Sơn again, as an admin would import it: Ba Đình and Lam Sơn of the former town, and Hà Vinh of the
// former Hà Trung district (outside the 2020 set, so named).
const merged = (units: unknown[]) => ({ id: 'bim-son-test', name: 'Thử', effectiveFrom: '2025-07-01', fromSetId: 'bim-son-2020', units });
const GOOD = [
  { code: '38', name: 'Tỉnh Thanh Hóa', level: 'province', parentCode: null },
  { code: '14812', name: 'Phường Bỉm Sơn', level: 'ward', parentCode: '38', from: ['14812', '14815', '15277'], fromNames: { '15277': 'Xã Hà Vinh' } },
  { code: '14812-kp1', name: 'Khu phố 1', level: 'village', parentCode: '14812', fromVillages: ['14812-khu-pho-1'] },
];

describe('POST /api/area-sets', () => {
  it('stores a ward merged from units of two former districts, with its mapping', async () => {
    const preview = await post('/api/area-sets?dryRun=1', merged(GOOD));
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ dryRun: true, stored: false, units: 3, links: 4, errors: [] });
    expect((await t.app.request('/api/areas?areaSet=bim-son-test')).status).toBe(400);
    const res = await post('/api/area-sets', merged(GOOD));
    expect(res.status).toBe(201);
    const { mapping } = await (
      await t.app.request('/api/area-sets/bim-son-test/mapping?from=bim-son-2020', { headers: { authorization: `Bearer ${await t.tokenFor('official')}` } })
    ).json();
    expect(mapping).toEqual([
      { from: '14812', to: '14812' },
      { from: '14815', to: '14812' },
      { from: '15277', to: '14812', fromName: 'Xã Hà Vinh' },
      { from: '14812-khu-pho-1', to: '14812-kp1' },
    ]);
    expect((await post('/api/area-sets', merged(GOOD))).status).toBe(400);
  });

  it('lists every bad line and stores nothing', async () => {
    const bad = [
      ...GOOD,
      { code: '14812', name: 'Trùng mã', level: 'ward', parentCode: '38' },
      { code: '14818', name: 'Không cấp', level: 'town', parentCode: '38' },
      { code: '14818-x', name: 'Thôn', level: 'village', parentCode: '99999' },
      { code: '14819', name: 'Phường lạ', level: 'ward', parentCode: '38', from: ['77777'] },
    ];
    const res = await post('/api/area-sets', merged(bad));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.stored).toBe(false);
    expect(body.errors.map((e: { line: number; path: string }) => [e.line, e.path])).toEqual([
      [4, 'code'],
      [5, 'level'],
      [6, 'parentCode'],
      [7, 'from'],
    ]);
    expect(body.errors[3].message).toContain('77777');
    expect((await t.app.request('/api/areas?areaSet=bim-son-test')).status).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await post('/api/area-sets', merged(GOOD), 'official')).status).toBe(403);
  });
});

const postCsv = async (query: string, csv: string, username = 'admin') =>
  t.app.request(`/api/area-sets?${query}`, {
    method: 'POST',
    body: csv,
    headers: { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'text/csv; charset=utf-8', 'accept-language': 'en' },
  });
const CSV_META = 'id=bim-son-csv&name=Th%E1%BB%AD&effectiveFrom=2025-07-01&fromSetId=bim-son-2020';

describe('POST /api/area-sets with text/csv', () => {
  it('stores Phường Bỉm Sơn merged from two former districts, read from Vietnamese headers and level words', async () => {
    const csv = [
      'Mã;Tên;Cấp;Mã cấp trên;Số hộ;Đơn vị cũ;Thôn cũ',
      '38;Tỉnh Thanh Hóa;tỉnh;;;;',
      '14812;Phường Bỉm Sơn;phường;38;4.120;14812 | 14815 | 15277=Xã Hà Vinh;',
      '14812-kp1;Khu phố 1;khu phố;14812;;;14812-khu-pho-1',
    ].join('\r\n');
    const preview = await postCsv(`${CSV_META}&dryRun=1`, csv);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ dryRun: true, stored: false, units: 3, links: 4, errors: [] });
    expect((await postCsv(CSV_META, csv)).status).toBe(201);
    const { areas } = await (await t.app.request('/api/areas?areaSet=bim-son-csv&parent=38')).json();
    expect(areas).toEqual([{ code: '14812', name: 'Phường Bỉm Sơn', level: 'ward', parentCode: '38', households: 4120 }]);
    const { mapping } = await (
      await t.app.request('/api/area-sets/bim-son-csv/mapping?from=bim-son-2020', { headers: { authorization: `Bearer ${await t.tokenFor('official')}` } })
    ).json();
    expect(mapping).toContainEqual({ from: '15277', to: '14812', fromName: 'Xã Hà Vinh' });
  });

  it('lists every bad line by its line in the file and stores nothing', async () => {
    const csv = [
      'code,name,level,parent_code,households,from',
      '38,Tỉnh Thanh Hóa,province,,,',
      '',
      '14812,Phường Bỉm Sơn,ward,38,,14812|14815',
      '14812,Trùng mã,ward,38,,',
      '14818,Không cấp,town,38,,',
      '14818-x,Thôn,village,99999,,',
      '14819,Phường lạ,ward,38,,77777',
      '14820,Số hộ sai,ward,38,nhiều,',
      '14821,"Ngoặc kép lạc,ward,38,,',
      '14822,Phường mới,ward,38,,',
    ].join('\n');
    const res = await postCsv(CSV_META, csv);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.stored).toBe(false);
    expect(body.errors.map((e: { line: number; path: string }) => [e.line, e.path])).toEqual([
      [5, 'code'],
      [6, 'level'],
      [7, 'parentCode'],
      [8, 'from'],
      [9, 'households'],
      [10, ''],
    ]);
    expect(body.errors[3].message).toContain('77777');
    expect((await t.app.request('/api/areas?areaSet=bim-son-csv')).status).toBe(400);
  });

  it('names a missing column on the header line, and needs the set fields in the query', async () => {
    const res = await postCsv(CSV_META, 'code,name,level\n38,Tỉnh,province\n');
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ line: 1, path: 'parentCode', message: 'Column parentCode is missing.' }]);
    expect((await postCsv('name=x&effectiveFrom=2025-07-01', 'code,name,level,parent_code\n')).status).toBe(400);
  });
});
