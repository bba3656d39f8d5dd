// A stray quote in a roster file is an error of its line, in the user's language, like every other roster
// error: the other lines are still read and validated, and nothing is written.
import { beforeEach, describe, expect, it } from 'vitest';
import { readRosterCsv } from '../../functions/lib/services/roster/parse-roster-csv';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const importCsv = async (csv: string, { dryRun = false, lang = 'vi' } = {}) =>
  t.app.request(`/api/roster/import${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    body: csv,
    headers: { authorization: `Bearer ${await t.tokenFor('admin')}`, 'content-type': 'text/csv', 'accept-language': lang },
  });

const FILE = [
  'ward_code;village;household_code;head_name;address',
  '14815;Khu phố 1;LS-001;Nguyễn Văn "Đức;Số 5',
  '14815;Khu phố 1;LS-002;Trần Thị Bình;Số 7',
  '14815;Khu phố 1;LS-003;"Lê Văn Cường;Số 9',
  '99999;Khu phố 1;LS-004;Phạm Thị Dung;Số 1',
].join('\r\n');

describe('a stray quote in the roster', () => {
  it('is reported by line while the other lines are read', () => {
    const { rows, badLines } = readRosterCsv(FILE);
    expect(badLines).toEqual([2, 4]);
    expect(rows.map((r) => [r.line, r.cells.householdCode])).toEqual([
      [3, 'LS-002'],
      [5, 'LS-004'],
    ]);
  });

  it('comes back per line in Vietnamese, with the other lines validated, and nothing is written', async () => {
    const preview = await importCsv(FILE, { dryRun: true });
    expect(preview.status).toBe(200);
    const body = await preview.json();
    expect(body.valid).toBe(false);
    expect(body.errors.map((e: { line: number; path: string }) => [e.line, e.path])).toEqual([
      [2, 'line.2.row'],
      [4, 'line.4.row'],
      [5, 'line.5.wardCode'],
    ]);
    expect(body.errors[0].message).toBe('Dấu ngoặc kép (") đặt sai chỗ trên dòng này. Hãy xoá hoặc sửa dấu ngoặc kép rồi nhập lại.');
    expect(body.errors[2].message).toContain('99999');

    const refused = await importCsv(FILE, { lang: 'en' });
    expect(refused.status).toBe(400);
    const issues = (await refused.json()).error.issues;
    expect(issues[0]).toEqual({ path: 'line.2.row', message: 'A quotation mark (") is out of place on this line. Remove or fix it and import again.' });
    expect(t.repo.rosterPointers.size).toBe(0);
  });
});
