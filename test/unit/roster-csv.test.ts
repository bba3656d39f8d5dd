import { AreaTree } from '@shared/areas/areas';
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import { validateRosterRows } from '@shared/roster/validate-roster';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from '../../functions/lib/services/roster/parse-roster-csv';
import { matchRoster } from '../../web/src/components/RosterPicker';

const tree = new AreaTree(BIM_SON_AREAS);

describe('roster CSV parsing', () => {
  it('maps Vietnamese headers in any order, with semicolons, and keeps file line numbers', () => {
    const rows = parseRosterCsv(
      '\uFEFFMã hộ;Họ tên chủ hộ;Thôn/khu phố;Mã phường/xã;Địa chỉ\r\nLS-1;Nguyễn Văn Đức;Khu phố 1;14815;"Số 5;\nngõ 2"\r\n\r\nLS-2;Trần Thị Bình;Khu phố 2;14815;\r\n',
    );
    expect(rows).toEqual([
      { line: 3, cells: { householdCode: 'LS-1', headName: 'Nguyễn Văn Đức', village: 'Khu phố 1', wardCode: '14815', address: 'Số 5;\nngõ 2' } },
      { line: 5, cells: { householdCode: 'LS-2', headName: 'Trần Thị Bình', village: 'Khu phố 2', wardCode: '14815', address: '' } },
    ]);
  });

  it('reads a file without a header positionally', () => {
    expect(parseRosterCsv('14815,Khu phố 1,LS-1,Nguyễn Văn Đức,Số 5')).toEqual([
      { line: 1, cells: { wardCode: '14815', village: 'Khu phố 1', householdCode: 'LS-1', headName: 'Nguyễn Văn Đức', address: 'Số 5' } },
    ]);
  });

  it('round-trips any Vietnamese text a CSV writer produces (property)', () => {
    const text = fc
      .string({ unit: fc.constantFrom(...'aăâđeêioôơuưy ÁÀẢÃẠáàảãạ,;"\'\n'.split('')), minLength: 1, maxLength: 30 })
      .filter((s) => s.trim() === s && s.trim().length > 0);
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 10 }), (people) => {
        const csv = stringify([
          ['ward_code', 'village', 'household_code', 'head_name', 'address'],
          ...people.map(([name, address], i) => ['14815', 'Khu phố 1', `H${i}`, name, address]),
        ]);
        const rows = parseRosterCsv(csv);
        expect(rows.map((r) => [r.cells.headName, r.cells.address])).toEqual(people);
        const { entries, issues } = validateRosterRows(rows, tree);
        expect(issues).toEqual([]);
        expect(entries.map((e) => e.headName)).toEqual(people.map(([name]) => name));
      }),
      { numRuns: 100 },
    );
  });
});

describe('roster validation', () => {
  it('refuses an ambiguous or foreign village and more rows than the limit allows', () => {
    const { issues } = validateRosterRows([{ line: 2, cells: { wardCode: '14815', village: '14809-khu-pho-1', householdCode: 'A', headName: 'B' } }], tree);
    expect(issues).toEqual([{ line: 2, field: 'village', key: 'roster.unknown_village', params: { village: '14809-khu-pho-1', ward: 'Phường Lam Sơn' } }]);
    expect(validateRosterRows([], tree).issues[0].key).toBe('roster.empty');
  });
});

describe('roster picker matching', () => {
  const entries = [
    { wardCode: '14815', villageCode: 'v', householdCode: 'LS-001', headName: 'Nguyễn Văn Đức', address: 'Số 5, đường Trần Phú' },
    { wardCode: '14815', villageCode: 'v', householdCode: 'LS-002', headName: 'Trần Thị Bình', address: 'Số 7' },
  ];
  it('matches every typed word without case or diacritics, in code, name or address', () => {
    expect(matchRoster(entries, 'duc').map((e) => e.householdCode)).toEqual(['LS-001']);
    expect(matchRoster(entries, 'tran').map((e) => e.householdCode)).toEqual(['LS-001', 'LS-002']);
    expect(matchRoster(entries, 'tran binh').map((e) => e.householdCode)).toEqual(['LS-002']);
    expect(matchRoster(entries, 'ls-002')).toHaveLength(1);
    expect(matchRoster(entries, '  ')).toEqual([]);
  });
});
