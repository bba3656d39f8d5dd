// Compares stored ward tallies with true ones, counter by counter, at ward, district and province level.
// Pure: recompute feeds it what it read and reports the result.
import type { AreaTree } from '@shared/areas/areas';
import { addTally, sumTallies, TALLY_KEYS, type Tally } from '@shared/indicators/tally';

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
