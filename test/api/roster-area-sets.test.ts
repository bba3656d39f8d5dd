// Rosters per area set: 14812 is Ba Đình in bim-son-2020 and Phường Bỉm Sơn in bim-son-2025, so a roster is
// imported into and read from one set, and everything that reads rosters for a round reads the round's set.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../functions/lib/auth/passwords';
import { responseBody } from '../support/fixtures';
import { round2026 } from '../support/survey-fixtures';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  // A collector whose areas were moved to the new ward (as POST /api/users/{username}/areas/move leaves them).
  await t.repo.reference.putLocalUser({
    username: 'collector-bim-son',
    role: 'collector',
    areas: ['14812'],
    areaSetId: 'bim-son-2025',
    passwordHash: await hashPassword(TEST_PASSWORD),
  });
});

const authed = async (path: string, username: string, init: RequestInit = {}) =>
  t.app.request(path, { ...init, headers: { authorization: `Bearer ${await t.tokenFor(username)}`, ...(init.headers ?? {}) } });

const importCsv = (csv: string, query = '') =>
  authed(`/api/roster/import${query}`, 'admin', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv', 'accept-language': 'en' } });

const codes = (body: { entries: { householdCode: string }[] }) => body.entries.map((e) => e.householdCode);

/** Ba Đình's roster, in the installation's set. */
const BA_DINH = [
  'ward_code,village,household_code,head_name,address',
  '14812,14812-khu-pho-1,BD-001,Nguyễn Văn An,Số 1',
  '14812,14812-khu-pho-2,BD-002,Trần Thị Ba,Số 2',
].join('\n');

/** Phường Bỉm Sơn's roster: villages of the units that merged into it (Lam Sơn, Ba Đình, Hà Vinh's placeholder). */
const BIM_SON = [
  'ward_code,village,household_code,head_name,address',
  '14812,14815-khu-pho-1,PBS-001,Lê Văn Cường,Số 3',
  '14812,14812-khu-pho-1,PBS-002,Phạm Thị Dung,Số 4',
  '14812,15277-thon-1-tam,PBS-003,Hoàng Văn Em,Thôn 1',
].join('\n');

async function round2026On2025(): Promise<string> {
  const res = await authed('/api/rounds', 'admin', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(round2026({ surveyVersion: 1, areaSetId: 'bim-son-2025' })),
  });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

describe('rosters per area set', () => {
  it('imports a 2025 roster for 14812 into the 2025 set, and leaves the 2020 roster of 14812 (Ba Đình) as it was', async () => {
    expect((await importCsv(BA_DINH)).status).toBe(201);
    const baDinh = await (await authed('/api/roster/wards', 'admin')).json();
    // Rows of the merged ward are checked in the 2025 tree: Lam Sơn's village is not Ba Đình's in 2020.
    const in2020 = await (await importCsv(BIM_SON, '?dryRun=true')).json();
    expect(in2020.errors).toContainEqual(expect.objectContaining({ line: 2, path: 'line.2.village' }));

    const preview = await (await importCsv(BIM_SON, '?areaSet=bim-son-2025&dryRun=true')).json();
    expect(preview).toMatchObject({ areaSetId: 'bim-son-2025', valid: true, errors: [] });
    expect(preview.wards).toEqual([expect.objectContaining({ wardCode: '14812', name: 'Phường Bỉm Sơn', households: 3, replaces: null })]);
    const res = await importCsv(BIM_SON, '?areaSet=bim-son-2025');
    expect(res.status).toBe(201);

    const wards2025 = await (await authed('/api/roster/wards?areaSet=bim-son-2025', 'admin')).json();
    expect(wards2025).toMatchObject({ areaSetId: 'bim-son-2025', wards: [{ wardCode: '14812', areaSetId: 'bim-son-2025', households: 3 }] });
    expect(await (await authed('/api/roster/wards', 'admin')).json()).toEqual(baDinh);
    expect(baDinh).toMatchObject({ areaSetId: 'bim-son-2020', wards: [{ wardCode: '14812', households: 2 }] });

    const read2025 = await (await authed('/api/roster?wardCode=14812&areaSet=bim-son-2025', 'admin')).json();
    expect(read2025).toMatchObject({ areaSetId: 'bim-son-2025' });
    expect(codes(read2025)).toEqual(['PBS-002', 'PBS-001', 'PBS-003']);
    // The 2024 round is on the 2020 set: 14812 is Ba Đình there.
    expect(codes(await (await authed('/api/roster?wardCode=14812&roundId=cds-2024', 'admin')).json())).toEqual(['BD-001', 'BD-002']);
    expect(codes(await (await authed('/api/roster?wardCode=14812', 'admin')).json())).toEqual(['BD-001', 'BD-002']);
    // A village of the merged ward, read in the 2025 set (in 2020 it is not Ba Đình's: 400).
    const lamSon = await (await authed('/api/roster?wardCode=14812&villageCode=14815-khu-pho-1&areaSet=bim-son-2025', 'admin')).json();
    expect(codes(lamSon)).toEqual(['PBS-001']);
    expect((await authed('/api/roster?wardCode=14812&villageCode=14815-khu-pho-1&roundId=cds-2024', 'admin')).status).toBe(400);
  });

  it('reads the round’s set when given a round (roundId wins over areaSet), and by default the set of the round open now', async () => {
    await importCsv(BA_DINH);
    await importCsv(BIM_SON, '?areaSet=bim-son-2025');
    expect(codes(await (await authed('/api/roster?wardCode=14812&roundId=cds-2024&areaSet=bim-son-2025', 'admin')).json())).toEqual(['BD-001', 'BD-002']);

    const roundId = await round2026On2025();
    expect(codes(await (await authed(`/api/roster?wardCode=14812&roundId=${roundId}`, 'admin')).json())).toEqual(['PBS-002', 'PBS-001', 'PBS-003']);
    // The 2026 round opened last: without a set or a round, rosters are read and imported in its set.
    expect(codes(await (await authed('/api/roster?wardCode=14812', 'admin')).json())).toEqual(['PBS-002', 'PBS-001', 'PBS-003']);
    expect((await authed('/api/roster/wards', 'admin').then((r) => r.json())).areaSetId).toBe('bim-son-2025');
    const preview = await (await importCsv(BIM_SON, '?dryRun=true')).json();
    expect(preview).toMatchObject({ areaSetId: 'bim-son-2025', valid: true });
    expect(preview.wards[0].replaces).toMatchObject({ households: 3 });

    // A collector moved to the new ward reads its roster for the 2026 round, and not Ba Đình's for the 2024 one.
    expect(codes(await (await authed(`/api/roster?wardCode=14812&roundId=${roundId}`, 'collector-bim-son')).json())).toHaveLength(3);
    expect((await authed('/api/roster?wardCode=14812&roundId=cds-2024', 'collector-bim-son')).status).toBe(403);
  });

  it('gives coverage and the roster totals of a 2026 round on the 2025 set from the 2025 roster, and of the 2024 round from Ba Đình’s', async () => {
    await importCsv(BA_DINH);
    await importCsv(BIM_SON, '?areaSet=bim-son-2025');
    const roundId = await round2026On2025();

    const coverage2026 = await (await authed(`/api/coverage?roundId=${roundId}&wardCode=14812`, 'admin')).json();
    expect(coverage2026).toMatchObject({ wardCode: '14812', name: 'Phường Bỉm Sơn', total: 3 });
    expect(coverage2026.villages.find((v: { villageCode: string }) => v.villageCode === '14815-khu-pho-1')).toMatchObject({ total: 1 });
    const coverage2024 = await (await authed('/api/coverage?roundId=cds-2024&wardCode=14812', 'admin')).json();
    expect(coverage2024).toMatchObject({ wardCode: '14812', name: 'Phường Ba Đình', total: 2 });

    const totalOf = async (round: string) => {
      const { areas } = await (await authed(`/api/aggregates?roundId=${round}&level=ward`, 'admin')).json();
      return areas.find((a: { code: string }) => a.code === '14812').households.total;
    };
    expect(await totalOf(roundId)).toBe(3);
    expect(await totalOf('cds-2024')).toBe(2);
  });

  it('checks named links of a 2026 round against the 2025 roster of the ward', async () => {
    await importCsv(BA_DINH);
    await importCsv(BIM_SON, '?areaSet=bim-son-2025');
    const roundId = await round2026On2025();
    const makeLinks = (householdCode: string) =>
      authed('/api/links', 'collector-bim-son', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ roundId, wardCode: '14812', villageCode: '14812-khu-pho-1', households: [{ householdCode }] }),
      });
    const made = await makeLinks('PBS-002');
    expect(made.status).toBe(201);
    expect((await made.json()).links[0]).toMatchObject({ householdCode: 'PBS-002', headName: 'Phạm Thị Dung' });
    // Ba Đình's household of the same village code is on the 2020 roster only.
    const refused = await makeLinks('BD-001');
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.issues).toEqual([expect.objectContaining({ path: 'households.0.householdCode' })]);
  });

  it('warns in the preview only of households surveyed in an open round on the set imported into', async () => {
    await t.repo.reference.putLocalUser({
      username: 'collector-ba-dinh',
      role: 'collector',
      areas: ['14812'],
      passwordHash: await hashPassword(TEST_PASSWORD),
    });
    const put = await authed(`/api/responses/${randomUUID()}`, 'collector-ba-dinh', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(responseBody({ wardCode: '14812', villageCode: '14812-khu-pho-1' })),
    });
    expect(put.status).toBe(201);
    // Ba Đình's household in the 2024 round is no household of Phường Bỉm Sơn.
    const in2025 = await (await importCsv(BIM_SON, '?areaSet=bim-son-2025&dryRun=true')).json();
    expect(in2025.wards[0].surveyed).toBeUndefined();
    const in2020 = await (await importCsv(BA_DINH, '?areaSet=bim-son-2020&dryRun=true')).json();
    expect(in2020.wards[0].surveyed).toEqual({ roundId: 'cds-2024', households: 1 });
  });

  it('refuses an unknown area set with 400 on the field areaSet, writing nothing', async () => {
    for (const res of [
      await importCsv(BIM_SON, '?areaSet=nowhere'),
      await importCsv(BIM_SON, '?areaSet=nowhere&dryRun=true'),
      await authed('/api/roster/wards?areaSet=nowhere', 'admin'),
      await authed('/api/roster?wardCode=14812&areaSet=nowhere', 'admin'),
    ]) {
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.issues).toEqual([expect.objectContaining({ path: 'areaSet' })]);
    }
    expect((await authed('/api/roster?wardCode=14812&roundId=nowhere', 'admin')).status).toBe(400);
    expect(t.repo.rosterPointers.size).toBe(0);
    expect(t.repo.rosterEntries.size).toBe(0);
  });
});
