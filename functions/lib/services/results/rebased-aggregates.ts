// A round's figures shown on another area set (the 2024 round on the 2025 wards): the round's ward counters
// summed onto the other set's wards through the mapping stored with the newer set (shared/indicators/rebase.ts),
// with a translated note on each area that includes units the round did not survey. An old ward split by
// villages brings each village's counters, counted from its responses (village-tallies.ts). Like the round's
// own view, each area gives its households per review state and, under the approved policy, its provisional
// figures (review-figures.ts).
import type { AggregateLevel, AggregatesResponse, AreaAggregate, User } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { translate } from '@shared/i18n/dictionary';
import type { RebaseNote } from '@shared/indicators/rebase';
import type { Lang } from '@shared/survey/form';
import type { AreaSetsRepo } from '../../repo/types';
import { mappingBetween } from '../areas/area-sets';
import { figuresListOf } from '../indicators/figures-list';
import { readerOnSet, readerThrough } from '../rounds/round-scope';
import { wardTallies } from './read-aggregates';
import { type ReadableAggregatesDeps, readableAggregates, rosterWardTotals } from './readable-aggregates';
import { rebasedReviewFigures } from './review-figures';
import { type VillageTalliesDeps, villageTalliesByState } from './village-tallies';

export interface RebasedAggregatesDeps extends ReadableAggregatesDeps, VillageTalliesDeps {
  areaSets: Pick<AreaSetsRepo, 'get' | 'getMapping'>;
}

/** A note as the API answers it: the key, the old units concerned and the message in the caller's language. */
export interface AreaNote {
  key: string;
  units: string[];
  message: string;
}

export type RebasedAreaAggregate = AreaAggregate & { notes?: AreaNote[] };

/**
 * The figures of `levels` on area set `areaSetId` (absent or the round's own: the figures as they are). Scopes
 * are read in the round's set, where users' area codes were given: an area of the other set is readable when
 * every unit that formed it lies within the user's areas (so an official of the old town sees both new wards,
 * and one of a single old ward sees no merged ward, even where the merged ward reuses that ward's code).
 */
export async function aggregatesOnAreaSet(
  user: User,
  roundId: string,
  levels: readonly AggregateLevel[],
  areaSetId: string | undefined,
  lang: Lang,
  deps: RebasedAggregatesDeps,
): Promise<AggregatesResponse[]> {
  const round = await deps.reference.getRound(roundId);
  const ownSet = round?.areaSetId;
  if (!round || !ownSet) return readableAggregates(user, roundId, levels, deps);
  if (!areaSetId || areaSetId === ownSet) {
    const { mayRead } = await readerOnSet(user, ownSet, undefined, deps);
    return readableAggregates(user, roundId, levels, deps, mayRead);
  }
  const links = await mappingBetween(deps.areaSets, areaSetId, ownSet);
  const [oldTree, newTree, list] = await Promise.all([deps.areaTree(ownSet), deps.areaTree(areaSetId), figuresListOf(roundId, deps)]);
  const splitWards = new Set<string>();
  for (const link of links) {
    const from = oldTree.get(link.from);
    if (from?.level === 'village' && from.parentCode) splitWards.add(from.parentCode);
  }
  const [rows, rosterTotals, villages] = await Promise.all([
    deps.aggregates.readRoundRows(list.rowsKey),
    rosterWardTotals(deps.roster, ownSet),
    villageTalliesByState(roundId, [...splitWards], deps, list.countPolicy),
  ]);
  const totals = new Map<string, number>();
  for (const ward of oldTree.ofLevel('ward')) {
    const known = rosterTotals.get(ward.code) ?? ward.households;
    if (typeof known === 'number') totals.set(ward.code, known);
  }
  const policy = list.countPolicy;
  const { tree, notes, areaOf } = rebasedReviewFigures({ links, oldTree, newTree, totals, rows, villages, policy, indicators: list.counted?.indicators });
  // The latest write of any bucket, as in the round's own view.
  const { updatedAt } = wardTallies(rows, []);
  // A user whose areas were moved to the set shown reads it by those codes; others through the units that formed it.
  const { mayRead } = readerThrough(user, areaSetId, links, oldTree, tree);
  return levels.flatMap((level) => {
    const codes = tree
      .ofLevel(level)
      .map((a) => a.code)
      .filter((code) => tree.wardsWithin(code).length > 0 && mayRead(code));
    if (codes.length === 0) return [];
    const areas = codes.map((code) => withNotes(areaOf(code), tree, notes, lang));
    const base = { roundId, level, updatedAt, areaSetId, rebasedFrom: ownSet, areas };
    return [{ ...(list.counted ? { ...base, indicators: list.counted.indicators, recompute: list.counted.recompute } : base), countPolicy: policy }];
  });
}

function withNotes(area: AreaAggregate, tree: AreaTree, notes: ReadonlyMap<string, RebaseNote[]>, lang: Lang): RebasedAreaAggregate {
  const found: AreaNote[] = [];
  for (const ward of tree.wardsWithin(area.code)) {
    for (const note of notes.get(ward.code) ?? []) {
      const params = { area: ward.name, units: note.names.join(', ') };
      found.push({ key: note.key, units: [...note.units], message: translate(lang, note.key, params) });
    }
  }
  return found.length > 0 ? { ...area, notes: found } : area;
}

/** A comparison keeps the notes of both rounds' re-based areas (the base round may be the one not surveyed). */
export function withComparedNotes<T extends { areas: { code: string }[] }>(compared: T, ...sides: AggregatesResponse[]): T {
  const notes = new Map<string, AreaNote[]>();
  for (const side of sides)
    for (const area of side.areas as RebasedAreaAggregate[]) if (area.notes) notes.set(area.code, [...(notes.get(area.code) ?? []), ...area.notes]);
  if (notes.size === 0) return compared;
  return { ...compared, areas: compared.areas.map((area) => (notes.has(area.code) ? { ...area, notes: notes.get(area.code) } : area)) };
}
