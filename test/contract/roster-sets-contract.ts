// Contract cases of rosters per area set, run inside the repository contract (memory fake and DynamoDB Local):
// 14812 is Ba Đình in the installation's set and Phường Bỉm Sơn in bim-son-2025; each set's roster of the code
// is its own, even under the same import id.
import type { RosterEntry, WardRoster } from '@shared/roster/roster';
import { describe, expect, it } from 'vitest';
import type { Repository } from '../../functions/lib/repo/types';

const entry = (villageCode: string, householdCode: string): RosterEntry => ({
  wardCode: '14812',
  villageCode,
  householdCode,
  headName: `Chủ hộ ${householdCode}`,
  address: `Số ${householdCode}`,
});

const pointer = (households: number, villages: Record<string, number>): WardRoster => ({
  wardCode: '14812',
  importId: 'imp-1',
  importedAt: '2026-11-24T08:00:00.000Z',
  importedBy: 'admin',
  households,
  villages,
});

export function describeRosterSetsContract(repoOf: () => Repository) {
  describe('roster per area set', () => {
    it("keeps the installation's roster of a ward code and another set's apart: pointers, entries, switches and discards", async () => {
      const repo = repoOf();
      const baDinh = pointer(1, { '14812-khu-pho-1': 1 });
      const bimSon = pointer(2, { '14815-khu-pho-1': 1, '15277-thon-1-tam': 1 });
      await repo.roster.stageEntries('imp-1', [entry('14812-khu-pho-1', 'BD-1')]);
      expect(await repo.roster.publish([baDinh], new Map([['14812', null]]))).toBe(true);
      // The other set has no roster of 14812 yet, whatever the installation's set holds.
      expect(await repo.roster.getWardRoster('14812', 'bim-son-2025')).toBeUndefined();
      await repo.roster.stageEntries('imp-1', [entry('14815-khu-pho-1', 'BS-1'), entry('15277-thon-1-tam', 'BS-2')], 'bim-son-2025');
      expect(await repo.roster.publish([bimSon], new Map([['14812', null]]), 'bim-son-2025')).toBe(true);

      // No set and the installation's own id are one set, stored as rosters always were (no areaSetId).
      expect(await repo.roster.getWardRoster('14812')).toEqual(baDinh);
      expect(await repo.roster.getWardRoster('14812', 'bim-son-2020')).toEqual(baDinh);
      const stored2025 = await repo.roster.getWardRoster('14812', 'bim-son-2025');
      expect(stored2025).toEqual({ ...bimSon, areaSetId: 'bim-son-2025' });
      expect(await repo.roster.listWardRosters()).toEqual([baDinh]);
      expect(await repo.roster.listWardRosters('bim-son-2020')).toEqual([baDinh]);
      expect(await repo.roster.listWardRosters('bim-son-2025')).toEqual([stored2025]);
      expect(await repo.roster.listWardRosters('bim-son-2030')).toEqual([]);
      expect((await repo.roster.listEntries(baDinh)).map((e) => e.householdCode)).toEqual(['BD-1']);
      expect((await repo.roster.listEntries(stored2025!)).map((e) => e.householdCode)).toEqual(['BS-1', 'BS-2']);
      expect((await repo.roster.listEntries(stored2025!, '15277-thon-1-tam')).map((e) => e.householdCode)).toEqual(['BS-2']);

      // A switch is conditional on its own set's pointer only.
      expect(await repo.roster.publish([{ ...bimSon, importId: 'imp-2' }], new Map([['14812', null]]), 'bim-son-2025')).toBe(false);
      expect(await repo.roster.publish([{ ...baDinh, importId: 'imp-2' }], new Map([['14812', 'imp-1']]))).toBe(true);
      expect((await repo.roster.getWardRoster('14812', 'bim-son-2025'))?.importId).toBe('imp-1');

      // Discarding one set's import leaves the other set's import of the same id.
      await repo.roster.discardImport('14812', 'imp-1', 'bim-son-2025');
      expect(await repo.roster.listEntries(stored2025!)).toEqual([]);
      expect((await repo.roster.listEntries(baDinh)).map((e) => e.householdCode)).toEqual(['BD-1']);
    });
  });
}
