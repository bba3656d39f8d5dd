// Roster import (admin, CSV, dry-run preview, per-row errors, all or nothing), reading it (collectors of the
// ward) and coverage (households reached vs roster, per village), through app.request().
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ROSTER_MAX_BYTES } from '../../functions/lib/http/routes/roster';
import { responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const authed = async (path: string, username: string, init: RequestInit = {}) =>
  t.app.request(path, { ...init, headers: { authorization: `Bearer ${await t.tokenFor(username)}`, ...(init.headers ?? {}) } });

const importCsv = (csv: string, { dryRun = false, username = 'admin', lang = 'vi' } = {}) =>
  authed(`/api/roster/import${dryRun ? '?dryRun=true' : ''}`, username, {
    method: 'POST',
    body: csv,
    headers: { 'content-type': 'text/csv', 'accept-language': lang },
  });

const GOOD = [
  'ward_code,village,household_code,head_name,address',
  '14815,14815-khu-pho-1,LS-001,Nguyễn Văn Đức,"Số 5, đường Trần Phú"',
  '14815,Khu phố 1,LS-002,Trần Thị Bình,Số 7',
  '14815,khu pho 2,LS-003,Lê Văn Cường,',
  '14809,14809-khu-pho-2,BS-001,Phạm Thị Dung,Số 1',
].join('\r\n');

describe('roster import', () => {
  it('previews a valid file without writing: wards, villages resolved from codes or names, counts', async () => {
    const res = await importCsv(`\uFEFF${GOOD}`, { dryRun: true });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ dryRun: true, valid: true, rows: 4, errors: [] });
    expect(body.wards).toEqual([
      {
        wardCode: '14815',
        name: 'Phường Lam Sơn',
        households: 3,
        replaces: null,
        villages: [
          { villageCode: '14815-khu-pho-1', name: 'Khu phố 1', households: 2 },
          { villageCode: '14815-khu-pho-2', name: 'Khu phố 2', households: 1 },
        ],
      },
      {
        wardCode: '14809',
        name: 'Phường Bắc Sơn',
        households: 1,
        replaces: null,
        villages: [{ villageCode: '14809-khu-pho-2', name: 'Khu phố 2', households: 1 }],
      },
    ]);
    expect(t.repo.rosterPointers.size).toBe(0);
    expect(t.repo.rosterEntries.size).toBe(0);
  });

  it('reports every bad row with its line and field, and imports nothing of a file with any error', async () => {
    const csv = [
      'ward_code;village;household_code;head_name;address',
      '14815;Khu phố 1;LS-001;Nguyễn Văn Đức;Số 5',
      '99999;Khu phố 1;X-1;Ai Đó;',
      '14815;Thôn Không Có;LS-002;Trần Thị Bình;',
      '14815;Khu phố 1;LS-001;Lê Văn Cường;',
      '14815;Khu phố 2;;;',
    ].join('\n');
    const preview = await (await importCsv(csv, { dryRun: true })).json();
    expect(preview.valid).toBe(false);
    expect(preview.errors).toEqual([
      { line: 3, path: 'line.3.wardCode', message: 'Không có phường/xã mã 99999.' },
      { line: 4, path: 'line.4.village', message: 'Không có thôn/khu phố "Thôn Không Có" trong Phường Lam Sơn.' },
      { line: 5, path: 'line.5.householdCode', message: 'Mã hộ LS-001 trùng với dòng 2.' },
      { line: 6, path: 'line.6.householdCode', message: 'Thiếu giá trị.' },
      { line: 6, path: 'line.6.headName', message: 'Thiếu giá trị.' },
    ]);

    const res = await importCsv(csv, { lang: 'en' });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_request');
    expect(error.issues).toContainEqual({ path: 'line.3.wardCode', message: 'There is no ward or commune with code 99999.' });
    expect(t.repo.rosterPointers.size).toBe(0);
    expect(t.repo.rosterEntries.size).toBe(0);
  });

  it('imports a valid file, replaces a ward roster wholesale on re-import and deletes the replaced entries', async () => {
    const first = await importCsv(GOOD);
    expect(first.status).toBe(201);
    expect((await first.json()).importId).toMatch(/^\d{8}T\d+Z-[0-9a-f]{8}$/);
    const roster = await (await authed('/api/roster?wardCode=14815', 'collector-14815')).json();
    expect(roster.entries.map((e: { householdCode: string }) => e.householdCode)).toEqual(['LS-001', 'LS-002', 'LS-003']);
    expect(roster.entries[0]).toEqual({
      wardCode: '14815',
      villageCode: '14815-khu-pho-1',
      householdCode: 'LS-001',
      headName: 'Nguyễn Văn Đức',
      address: 'Số 5, đường Trần Phú',
    });

    const second = await importCsv('14815,Khu phố 3,LS-100,Hoàng Văn Em,Số 9');
    expect(second.status).toBe(201);
    expect((await second.json()).wards[0].replaces).toMatchObject({ households: 3 });
    const after = await (await authed('/api/roster?wardCode=14815', 'admin')).json();
    expect(after.entries.map((e: { householdCode: string }) => e.householdCode)).toEqual(['LS-100']);
    // Ward 14809 was not in the second file: its roster stands. The replaced 14815 entries are gone.
    expect((await (await authed('/api/roster?wardCode=14809', 'collector-14809')).json()).entries).toHaveLength(1);
    expect([...t.repo.rosterEntries.keys()].filter((key) => key.startsWith('14815#'))).toHaveLength(1);
  });

  it('makes nothing visible when the switch loses to a concurrent import (409), and removes what it staged', async () => {
    const publish = t.repo.roster.publish;
    t.repo.roster.publish = async () => false;
    const res = await importCsv(GOOD);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('roster_conflict');
    t.repo.roster.publish = publish;
    expect(t.repo.rosterPointers.size).toBe(0);
    expect(t.repo.rosterEntries.size).toBe(0);
  });

  it('keeps the import to admins, accepts a file larger than the 64 KB API limit, and refuses one over its own', async () => {
    expect((await importCsv(GOOD, { username: 'official' })).status).toBe(403);
    expect((await importCsv(GOOD, { username: 'collector-14815' })).status).toBe(403);
    const rows = Array.from({ length: 2000 }, (_, i) => `14815,Khu phố ${(i % 4) + 1},LS-${i},Nguyễn Văn Hộ Số ${i},"Số ${i}, đường Trần Phú, Phường Lam Sơn"`);
    const large = rows.join('\n');
    expect(large.length).toBeGreaterThan(64 * 1024);
    const res = await importCsv(large);
    expect(res.status).toBe(201);
    expect((await res.json()).wards[0].households).toBe(2000);
    expect((await importCsv('x'.repeat(ROSTER_MAX_BYTES + 1))).status).toBe(413);
  });

  it('lets collectors read only their own ward, and checks the village belongs to it', async () => {
    await importCsv(GOOD);
    expect((await authed('/api/roster?wardCode=14809', 'collector-14815')).status).toBe(403);
    expect((await authed('/api/roster?wardCode=14815', 'official')).status).toBe(403);
    expect((await authed('/api/roster?wardCode=14815&villageCode=14809-khu-pho-1', 'collector-14815')).status).toBe(400);
    const village = await (await authed('/api/roster?wardCode=14815&villageCode=14815-khu-pho-2', 'collector-14815')).json();
    expect(village.entries.map((e: { householdCode: string }) => e.householdCode)).toEqual(['LS-003']);
  });
});

describe('coverage', () => {
  async function submit(villageCode: string, householdCode?: string) {
    const res = await authed(`/api/responses/${randomUUID()}`, 'collector-14815', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...responseBody({ villageCode }), ...(householdCode ? { householdCode } : {}) }),
    });
    expect(res.status).toBe(201);
  }

  it('counts distinct surveyed households per village against the roster, and the roster total reaches the aggregates', async () => {
    await importCsv(GOOD);
    await submit('14815-khu-pho-1', 'LS-001');
    // The same household a second time is refused (one household, one count): see one-count.test.ts.
    await submit('14815-khu-pho-1'); // no roster code: counted, not on the roster
    await submit('14815-khu-pho-2', 'NOT-IN-ROSTER');
    await t.foldPending();

    const coverage = await (await authed('/api/coverage?roundId=cds-2024&wardCode=14815', 'official')).json();
    expect(coverage).toMatchObject({ wardCode: '14815', name: 'Phường Lam Sơn', surveyed: 3, onRoster: 1, total: 3, percent: 100 });
    expect(coverage.villages[0]).toEqual({ villageCode: '14815-khu-pho-1', name: 'Khu phố 1', surveyed: 2, onRoster: 1, total: 2, percent: 100 });
    expect(coverage.villages[1]).toEqual({ villageCode: '14815-khu-pho-2', name: 'Khu phố 2', surveyed: 1, onRoster: 0, total: 1, percent: 100 });
    expect(coverage.villages[2]).toMatchObject({ surveyed: 0, total: 0, percent: null });

    const wards = await (await authed('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json();
    expect(wards.areas.find((a: { code: string }) => a.code === '14815').households).toEqual({
      surveyed: 3,
      total: 3,
      submitted: 3,
      approved: 0,
      returned: 0,
      rejected: 0,
    });
    // Ba Đình has no roster: the official statistic stands.
    expect(wards.areas.find((a: { code: string }) => a.code === '14812').households.total).toBe(2778);
  });

  it('reads the ward pointer once and lists the entries of that very import (no mix of two imports)', async () => {
    await importCsv(GOOD);
    const getWardRoster = vi.spyOn(t.repo.roster, 'getWardRoster');
    const listEntries = vi.spyOn(t.repo.roster, 'listEntries');
    for (const path of ['/api/coverage?roundId=cds-2024&wardCode=14815', '/api/roster?wardCode=14815&villageCode=14815-khu-pho-1']) {
      getWardRoster.mockClear();
      listEntries.mockClear();
      expect((await authed(path, 'admin')).status).toBe(200);
      expect(getWardRoster).toHaveBeenCalledTimes(1);
      expect(listEntries).toHaveBeenCalledTimes(1);
      expect(listEntries.mock.calls[0][0]).toEqual(await getWardRoster.mock.results[0].value);
    }
  });

  it('keeps coverage to officials of the area and collectors of the ward', async () => {
    expect((await authed('/api/coverage?roundId=cds-2024&wardCode=14815', 'official-14815')).status).toBe(200);
    expect((await authed('/api/coverage?roundId=cds-2024&wardCode=14809', 'official-14815')).status).toBe(403);
    expect((await authed('/api/coverage?roundId=cds-2024&wardCode=14809', 'collector-14815')).status).toBe(403);
    expect((await authed('/api/coverage?roundId=cds-2024&wardCode=14815-khu-pho-1', 'admin')).status).toBe(400);
    const noRoster = await (await authed('/api/coverage?roundId=cds-2024&wardCode=14812', 'admin')).json();
    expect(noRoster).toMatchObject({ total: 2778, rosterImportedAt: null });
    expect(noRoster.villages[0].total).toBeNull();
  });
});
