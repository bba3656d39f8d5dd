// What reads rosters for a round reads the round's area set: the cached ward rosters keep one entry per set (an
// import clears only its own), and an export job's data version changes with the round's set's rosters only.

import { wardRostersOf } from '@shared/roster/roster';
import { describe, expect, it, vi } from 'vitest';
import { FIRST_ROUND, seedReferenceData } from '../../functions/lib/seed/reference-data';
import { dataVersion, type ExportSpec } from '../../functions/lib/services/exports/job-key';
import { withCachedWardRosters } from '../../functions/lib/services/roster/cached-ward-rosters';
import { publishedDefinitions } from '../../functions/lib/services/surveys/published-definitions';
import { createMemoryRepository } from '../support/memory-repo';

const entry = (villageCode: string, householdCode: string) => ({ wardCode: '14812', villageCode, householdCode, headName: 'Chủ hộ', address: '' });

async function importInto(repo: ReturnType<typeof createMemoryRepository>['roster'], importId: string, areaSetId?: string) {
  const entries = [entry('14812-khu-pho-1', `H-${importId}`)];
  await repo.stageEntries(importId, entries, areaSetId);
  const previous = await repo.getWardRoster('14812', areaSetId);
  expect(
    await repo.publish(wardRostersOf(entries, importId, '2026-11-24T08:00:00Z', 'admin'), new Map([['14812', previous?.importId ?? null]]), areaSetId),
  ).toBe(true);
}

describe('cached ward rosters per area set', () => {
  it('keeps one entry per set (no id and the installation id are one), and an import clears only its own set', async () => {
    const memory = createMemoryRepository();
    const list = vi.spyOn(memory.roster, 'listWardRosters');
    const cached = withCachedWardRosters(memory.roster, () => new Date('2026-11-24T08:00:00Z'));
    await importInto(memory.roster, 'a');
    await importInto(memory.roster, 'b', 'bim-son-2025');
    expect((await cached.listWardRosters()).map((p) => p.importId)).toEqual(['a']);
    expect((await cached.listWardRosters('bim-son-2020')).map((p) => p.importId)).toEqual(['a']);
    expect((await cached.listWardRosters('bim-son-2025')).map((p) => p.importId)).toEqual(['b']);
    expect(list).toHaveBeenCalledTimes(2);

    await importInto(cached, 'c', 'bim-son-2025');
    expect((await cached.listWardRosters('bim-son-2025')).map((p) => p.importId)).toEqual(['c']);
    expect(list).toHaveBeenCalledTimes(3);
    // The installation's set is still served from its entry.
    expect((await cached.listWardRosters()).map((p) => p.importId)).toEqual(['a']);
    expect(list).toHaveBeenCalledTimes(3);
  });
});

describe("an export job's data version", () => {
  it("changes with the rosters of the round's set, not with another set's roster of the same ward code", async () => {
    const repo = createMemoryRepository();
    await seedReferenceData(repo.reference, repo.surveys, repo.areaSets);
    await repo.reference.putRound({ ...FIRST_ROUND, id: 'cds-2026', areaSetId: 'bim-son-2025' });
    const deps = { ...repo, definitions: publishedDefinitions(repo.surveys) };
    const spec = (roundId: string): ExportSpec => ({ roundId, kind: 'aggregates', format: 'csv', gzip: false, areaCode: '38' });
    const versions = async () => [await dataVersion(spec('cds-2024'), deps), await dataVersion(spec('cds-2026'), deps)];

    const before = await versions();
    await importInto(repo.roster, 'ba-dinh');
    const after2020 = await versions();
    expect(after2020[0]).not.toBe(before[0]);
    expect(after2020[1]).toBe(before[1]);
    await importInto(repo.roster, 'bim-son', 'bim-son-2025');
    const after2025 = await versions();
    expect(after2025[0]).toBe(after2020[0]);
    expect(after2025[1]).not.toBe(after2020[1]);
  });
});
