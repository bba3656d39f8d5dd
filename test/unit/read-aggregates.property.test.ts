// buildAggregates sums in place over an index of wards per area; these properties pin it to the plain
// definition (each area's figures are its wards' tallies added up, totals only when every ward's is known).
import type { AggregateLevel } from '@shared/api/contract';
import { AreaTree } from '@shared/areas/areas';
import { indicatorResults } from '@shared/indicators/results';
import { addTally, TALLY_KEYS, type Tally } from '@shared/indicators/tally';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../functions/lib/repo/types';
import { buildAggregates, wardTallies } from '../../functions/lib/services/results/read-aggregates';
import { provinceAreas } from '../support/province-tree';

const TREE = new AreaTree(provinceAreas(4, 6));
const WARDS = TREE.areas.filter((a) => a.level === 'ward').map((a) => a.code);

const tally = fc.dictionary(fc.constantFrom(...TALLY_KEYS), fc.integer({ min: -3, max: 50 }), { maxKeys: 8 });
const row = fc.record({
  wardCode: fc.constantFrom(...WARDS, 'GONE'),
  slot: fc.integer({ min: 0, max: 3 }),
  tally,
  rev: fc.nat(),
  updatedAt: fc.option(fc.constantFrom('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'), { nil: null }),
});
const rosters = fc.dictionary(fc.constantFrom(...WARDS), fc.nat({ max: 5000 }), { maxKeys: 6 });

/** The definition, written plainly: walk up from every ward, add copies. */
function plainAggregates(level: AggregateLevel, rows: readonly AggregateRow[], rosterTotals: ReadonlyMap<string, number>) {
  const perWard = new Map<string, Tally>();
  for (const r of rows) perWard.set(r.wardCode, addTally(perWard.get(r.wardCode) ?? {}, r.tally));
  const updatedAt = rows.reduce<string | null>((latest, r) => (r.updatedAt && (!latest || r.updatedAt > latest) ? r.updatedAt : latest), null);
  const areas = TREE.areas
    .filter((a) => a.level === level)
    .map((area) => {
      const wards = TREE.areas.filter((w) => w.level === 'ward' && TREE.isWithin(w.code, area.code));
      const sum = wards.reduce<Tally>((acc, w) => addTally(acc, perWard.get(w.code) ?? {}), {});
      const totals = wards.map((w) => rosterTotals.get(w.code) ?? w.households);
      return {
        code: area.code,
        name: area.name,
        level,
        households: {
          surveyed: sum.households ?? 0,
          total: totals.every((n) => typeof n === 'number') ? totals.reduce<number>((a, b) => a + (b as number), 0) : null,
        },
        members: sum.members ?? 0,
        indicators: indicatorResults(sum),
      };
    });
  return { roundId: 'r', level, updatedAt, areas };
}

describe('buildAggregates at province scale', () => {
  it('gives exactly the plainly defined figures at every level', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), rosters, fc.constantFrom<AggregateLevel>('ward', 'district', 'province'), (rows, roster, level) => {
        const totals = new Map(Object.entries(roster));
        const codes = TREE.ofLevel(level).map((a) => a.code);
        expect(buildAggregates('r', level, codes, TREE, rows, totals)).toEqual(plainAggregates(level, rows, totals));
      }),
      { numRuns: 150 },
    );
  });

  it('sums each ward over its slots, dropping zero counters', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const expected = new Map<string, Tally>();
        for (const r of rows) expected.set(r.wardCode, addTally(expected.get(r.wardCode) ?? {}, r.tally));
        expect(wardTallies(rows).tallies).toEqual(expected);
      }),
    );
  });

  it('lists the wards of every area from its index as the ancestor walk does', () => {
    for (const area of TREE.areas) {
      const walked = TREE.areas.filter((w) => w.level === 'ward' && TREE.isWithin(w.code, area.code));
      expect(TREE.wardsWithin(area.code)).toEqual(walked);
    }
  });
});
