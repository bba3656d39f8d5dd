// Compares stored ward tallies with true ones, counter by counter, at ward, district and province level.
// Pure: recompute feeds it what it read and reports the result.
import type { AreaTree } from '@shared/areas/areas';
import { addTally, addTallyInto, sumTallies, TALLY_KEYS, type Tally, zeroTally } from '@shared/indicators/tally';
import type { ReviewBucket } from '@shared/review/review';
import type { AggregateRow } from '../../repo/types';

export type DriftLevel = 'ward' | 'district' | 'province';
export type DriftField = 'numerator' | 'denominator' | 'count';

/** One counter of one area whose stored value is not the value recomputed from the responses. */
export interface DriftEntry {
  areaCode: string;
  areaLevel: DriftLevel;
  /** An indicator id, or `households` / `members`. */
  indicatorId: string;
  field: DriftField;
  stored: number;
  true: number;
  /** The review bucket whose rows drifted; absent for submitted responses. */
  bucket?: ReviewBucket;
}

/** The indicator and field a tally counter holds (`n_<id>`, `d_<id>`, `households`, `members`). */
export function counterOf(key: string): { indicatorId: string; field: DriftField } {
  if (key.startsWith('n_')) return { indicatorId: key.slice(2), field: 'numerator' };
  if (key.startsWith('d_')) return { indicatorId: key.slice(2), field: 'denominator' };
  return { indicatorId: key, field: 'count' };
}

/** Counter names of both tallies: the catalogue's order first, then any stray ones. */
function countersOf(a: Tally, b: Tally): string[] {
  const extra = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !TALLY_KEYS.includes(k)).sort();
  return [...TALLY_KEYS, ...extra];
}

function diffTally(areaCode: string, areaLevel: DriftLevel, stored: Tally, truth: Tally): DriftEntry[] {
  const entries: DriftEntry[] = [];
  for (const key of countersOf(stored, truth)) {
    const s = stored[key] ?? 0;
    const t = truth[key] ?? 0;
    if (s !== t) entries.push({ areaCode, areaLevel, ...counterOf(key), stored: s, true: t });
  }
  return entries;
}

/**
 * Every counter that differs, for each ward (those of the tree and any other that has rows or responses)
 * and for each district and province summed from its wards, the way the aggregates API reads them.
 */
export function findDrift(stored: ReadonlyMap<string, Tally>, truth: ReadonlyMap<string, Tally>, tree: AreaTree): DriftEntry[] {
  const wardCodes = [...new Set([...tree.ofLevel('ward').map((w) => w.code), ...stored.keys(), ...truth.keys()])].sort();
  const entries = wardCodes.flatMap((code) => diffTally(code, 'ward', stored.get(code) ?? {}, truth.get(code) ?? {}));
  for (const level of ['district', 'province'] as const) {
    for (const area of tree.ofLevel(level)) {
      const wards = tree.wardsWithin(area.code).map((w) => w.code);
      const sum = (tallies: ReadonlyMap<string, Tally>) => sumTallies(wards.map((code) => tallies.get(code) ?? {}));
      entries.push(...diffTally(area.code, level, sum(stored), sum(truth)));
    }
  }
  return entries;
}

/** What to add to `stored` to make it `target`; empty when they agree. */
export function correctionOf(stored: Tally, target: Tally): Tally {
  return addTally(target, stored, -1);
}

/** A bucket of aggregate rows: undefined holds submitted responses (the rows as they were before review). */
export type BucketOrSubmitted = ReviewBucket | undefined;
export const ROW_BUCKETS: readonly BucketOrSubmitted[] = [undefined, 'approved', 'returned', 'rejected'];

/** A ward's rows of one bucket: the ward code itself for submitted responses, `<ward>#<bucket>` otherwise. */
export const cellOf = (wardCode: string, bucket: BucketOrSubmitted) => (bucket ? `${wardCode}#${bucket}` : wardCode);

/** Sums slot rows into one tally per cell (zero counters left out). */
export function cellTallies(rows: readonly AggregateRow[]): Map<string, Tally> {
  const sums = new Map<string, Tally>();
  for (const row of rows) {
    const cell = cellOf(row.wardCode, row.bucket);
    let sum = sums.get(cell);
    if (!sum) {
      sum = zeroTally();
      sums.set(cell, sum);
    }
    addTallyInto(sum, row.tally);
  }
  for (const [cell, sum] of sums) sums.set(cell, addTally({}, sum));
  return sums;
}

/**
 * `findDrift` per review bucket over tallies keyed by cell: each bucket is compared on its own, so a response
 * counted in the wrong bucket is drift even when the ward's sum over buckets is right.
 */
export function findCellDrift(stored: ReadonlyMap<string, Tally>, truth: ReadonlyMap<string, Tally>, tree: AreaTree): DriftEntry[] {
  return ROW_BUCKETS.flatMap((bucket) => {
    const ofBucket = (cells: ReadonlyMap<string, Tally>) => {
      const wards = new Map<string, Tally>();
      for (const [cell, tally] of cells) {
        const [wardCode, cellBucket] = cell.split('#');
        if (cellBucket === bucket) wards.set(wardCode, tally);
      }
      return wards;
    };
    const entries = findDrift(ofBucket(stored), ofBucket(truth), tree);
    return bucket ? entries.map((entry) => ({ ...entry, bucket })) : entries;
  });
}
