// Re-basing: a round's figures, counted on the area set it pinned, summed onto another set through a mapping.
// Pure and exact: a new ward's counters are the sums of the counters of the old units (or villages) that formed
// it, never a share of one. What cannot be summed exactly is left out and said so in a note on the new ward.

import type { MappingLink } from '../areas/area-set';
import { type Area, AreaTree } from '../areas/areas';
import { addTallyInto, type Tally } from './tally';

export type RebaseNoteKey = 'rebase.not_surveyed' | 'rebase.split_without_villages';

/** Why a new ward's figures do not cover all of it: the old units concerned (codes, names where known). */
export interface RebaseNote {
  key: RebaseNoteKey;
  units: string[];
  names: string[];
}

export interface RebaseInput {
  links: readonly MappingLink[];
  /** The set the round pinned. */
  oldTree: AreaTree;
  /** The set to show the figures on. */
  newTree: AreaTree;
  /** Counters per old ward, and per old village for wards the mapping splits by villages. */
  tallies: ReadonlyMap<string, Tally>;
  /** Known households per old ward (roster or statistics); a ward left out is unknown. */
  totals: ReadonlyMap<string, number>;
}

export interface Rebased {
  /** Counters per new ward (wards nothing went to have none). */
  tallies: Map<string, Tally>;
  /** The new tree with each ward's households the sum over the counted old units (null when one is unknown). */
  tree: AreaTree;
  notes: Map<string, RebaseNote[]>;
}

/** The ward a unit of `tree` lies in: itself for a ward, its parent for a village. */
function wardOf(tree: AreaTree, code: string): Area | undefined {
  const unit = tree.get(code);
  if (unit?.level === 'ward') return unit;
  return unit?.level === 'village' ? tree.wardOfVillage(code) : undefined;
}

function note(notes: Map<string, RebaseNote[]>, ward: string, key: RebaseNoteKey, unit: string, name: string | undefined): void {
  const list = notes.get(ward) ?? [];
  let found = list.find((n) => n.key === key);
  if (!found) {
    found = { key, units: [], names: [] };
    list.push(found);
  }
  if (!found.units.includes(unit)) {
    found.units.push(unit);
    found.names.push(name ?? unit);
  }
  notes.set(ward, list);
}

/**
 * Sums old units onto new wards. An old ward linked whole to one new ward brings its counters and households;
 * an old ward whose villages are linked one by one brings each village's counters to its new ward (households
 * then unknown); an old ward linked whole to several new wards cannot be divided exactly and is left out with a
 * note; a unit the round's set does not hold (not surveyed) is noted. Each old unit counts once per new ward.
 */
export function rebaseTallies({ links, oldTree, newTree, tallies, totals }: RebaseInput): Rebased {
  const splitByVillages = new Set<string>();
  const wholeTargets = new Map<string, Set<string>>();
  for (const link of links) {
    const from = oldTree.get(link.from);
    const to = wardOf(newTree, link.to);
    if (!to) continue;
    if (from?.level === 'village' && from.parentCode) splitByVillages.add(from.parentCode);
    if (from?.level === 'ward') wholeTargets.set(from.code, (wholeTargets.get(from.code) ?? new Set()).add(to.code));
  }
  const out = new Map<string, Tally>();
  const households = new Map<string, number | null>();
  const notes = new Map<string, RebaseNote[]>();
  const counted = new Set<string>();
  const addTotal = (ward: string, known: number | undefined) => {
    const sum = households.has(ward) ? households.get(ward) : 0;
    households.set(ward, typeof known === 'number' && typeof sum === 'number' ? sum + known : null);
  };
  for (const link of links) {
    const to = wardOf(newTree, link.to);
    if (!to) continue;
    const from = oldTree.get(link.from);
    const pair = `${link.from}>${to.code}`;
    if (counted.has(pair)) continue;
    counted.add(pair);
    if (!from || (from.level !== 'ward' && from.level !== 'village')) {
      note(notes, to.code, 'rebase.not_surveyed', link.from, link.fromName);
      continue;
    }
    if (from.level === 'ward') {
      if (splitByVillages.has(from.code)) continue;
      if ((wholeTargets.get(from.code)?.size ?? 0) > 1) {
        note(notes, to.code, 'rebase.split_without_villages', from.code, from.name);
        continue;
      }
      addTotal(to.code, totals.get(from.code));
    } else {
      addTotal(to.code, undefined);
    }
    const tally = tallies.get(from.code);
    const sum = out.get(to.code) ?? {};
    if (tally) addTallyInto(sum, tally);
    out.set(to.code, sum);
  }
  const areas = newTree.areas.map((area) =>
    area.level === 'ward' ? { ...area, households: households.has(area.code) ? (households.get(area.code) ?? null) : null } : area,
  );
  return { tallies: out, tree: new AreaTree(areas), notes };
}
