// Aggregates as officials read them: ward rows summed over slots, districts and provinces summed from wards.

import type { AggregateLevel, AggregatesResponse, AreaAggregate } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { indicatorResults } from '@shared/indicators/results';
import { addTally, sumTallies, type Tally } from '@shared/indicators/tally';
import type { AggregateRow } from '../../repo/types';

/** Sums slot rows into one tally per ward, and the latest write time. */
export function wardTallies(rows: readonly AggregateRow[]): { tallies: Map<string, Tally>; updatedAt: string | null } {
  const tallies = new Map<string, Tally>();
  let updatedAt: string | null = null;
  for (const row of rows) {
    tallies.set(row.wardCode, addTally(tallies.get(row.wardCode) ?? {}, row.tally));
    if (row.updatedAt && (!updatedAt || row.updatedAt > updatedAt)) updatedAt = row.updatedAt;
  }
  return { tallies, updatedAt };
}

/**
 * One area's figures from its wards' tallies. A ward's household total is its roster count once a roster is
 * imported, else the official statistic of the area data; an area's total is known only when every ward's is.
 */
export function areaAggregate(
  code: string,
  tree: AreaTree,
  tallies: ReadonlyMap<string, Tally>,
  rosterTotals: ReadonlyMap<string, number> = new Map(),
): AreaAggregate {
  const area = tree.get(code);
  if (!area || area.level === 'village') throw new Error(`not an aggregate level area: ${code}`);
  const wards = tree.wardsWithin(code);
  const tally = sumTallies(wards.map((ward) => tallies.get(ward.code) ?? {}));
  const knownTotals = wards.map((ward) => rosterTotals.get(ward.code) ?? ward.households);
  const total = knownTotals.every((n): n is number => typeof n === 'number') ? knownTotals.reduce((a, b) => a + b, 0) : null;
  return {
    code: area.code,
    name: area.name,
    level: area.level as AggregateLevel,
    households: { surveyed: tally.households ?? 0, total },
    members: tally.members ?? 0,
    indicators: indicatorResults(tally),
  };
}

export function buildAggregates(
  roundId: string,
  level: AggregateLevel,
  codes: readonly string[],
  tree: AreaTree,
  rows: readonly AggregateRow[],
  rosterTotals: ReadonlyMap<string, number> = new Map(),
): AggregatesResponse {
  const { tallies, updatedAt } = wardTallies(rows);
  return { roundId, level, updatedAt, areas: codes.map((code) => areaAggregate(code, tree, tallies, rosterTotals)) };
}
