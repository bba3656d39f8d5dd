// Aggregates as officials read them: ward rows summed over slots, districts and provinces summed from wards.

import type { AggregateLevel, AggregatesResponse, AreaAggregate } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import type { RecomputeStatus } from '@shared/indicators/counting';
import { indicatorResults } from '@shared/indicators/results';
import { addTallyInto, type Tally, zeroTally } from '@shared/indicators/tally';
import type { Indicator } from '@shared/questionnaire/definition';
import { type ReviewState, SUBMITTED_STATES } from '@shared/review/review';
import type { AggregateRow } from '../../repo/types';

/**
 * Sums slot rows into one tally per ward (zero counters left out), and the latest write time. Only rows of the
 * review `states` counted (by default the submitted policy's: everything but rejected).
 */
export function wardTallies(
  rows: readonly AggregateRow[],
  states: readonly ReviewState[] = SUBMITTED_STATES,
): { tallies: Map<string, Tally>; updatedAt: string | null } {
  // Summed in place, one object per ward: copying a running sum per row was most of the read's CPU.
  const sums = new Map<string, Tally>();
  let updatedAt: string | null = null;
  for (const row of rows) {
    if (row.updatedAt && (!updatedAt || row.updatedAt > updatedAt)) updatedAt = row.updatedAt;
    if (!states.includes(row.bucket ?? 'submitted')) continue;
    let sum = sums.get(row.wardCode);
    if (!sum) {
      sum = zeroTally();
      sums.set(row.wardCode, sum);
    }
    addTallyInto(sum, row.tally);
  }
  const tallies = new Map<string, Tally>();
  for (const [wardCode, sum] of sums) {
    const kept: Tally = {};
    for (const key in sum) if (sum[key] !== 0) kept[key] = sum[key];
    tallies.set(wardCode, kept);
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
  indicators?: readonly Indicator[],
): AreaAggregate {
  const area = tree.get(code);
  if (!area || area.level === 'village') throw new Error(`not an aggregate level area: ${code}`);
  const wards = tree.wardsWithin(code);
  const tally = zeroTally();
  let total: number | null = 0;
  for (const ward of wards) {
    const wardTally = tallies.get(ward.code);
    if (wardTally) addTallyInto(tally, wardTally);
    const known = rosterTotals.get(ward.code) ?? ward.households;
    total = typeof known === 'number' && total !== null ? total + known : null;
  }
  return {
    code: area.code,
    name: area.name,
    level: area.level as AggregateLevel,
    households: { surveyed: tally.households ?? 0, total },
    members: tally.members ?? 0,
    indicators: indicatorResults(tally, indicators),
  };
}

/** The list the figures count and whether it is being recomputed; absent: the built-in catalogue. */
export interface CountedList {
  indicators: Indicator[];
  recompute: RecomputeStatus | null;
}

export function buildAggregates(
  roundId: string,
  level: AggregateLevel,
  codes: readonly string[],
  tree: AreaTree,
  rows: readonly AggregateRow[],
  rosterTotals: ReadonlyMap<string, number> = new Map(),
  counted?: CountedList,
  /** The review states the round's count policy counts (default: the submitted policy's). */
  states: readonly ReviewState[] = SUBMITTED_STATES,
): AggregatesResponse {
  const { tallies, updatedAt } = wardTallies(rows, states);
  const areas = codes.map((code) => areaAggregate(code, tree, tallies, rosterTotals, counted?.indicators));
  return counted ? { roundId, level, updatedAt, indicators: counted.indicators, recompute: counted.recompute, areas } : { roundId, level, updatedAt, areas };
}
