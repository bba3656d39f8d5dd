// The figures a user may read: for each level asked, the areas of it within the user's own, built from the
// round's aggregate rows and the wards' roster totals.
import type { AggregateLevel, AggregatesResponse, User } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { countedStates } from '@shared/review/review';
import { canReadAggregatesOf } from '../../access/scope';
import type { AggregatesRepo, RosterRepo } from '../../repo/types';
import { type FiguresListDeps, figuresListOf } from '../indicators/figures-list';
import { buildAggregates } from './read-aggregates';
import { reviewFiguresOf, withStateFigures } from './review-figures';

export interface ReadableAggregatesDeps extends FiguresListDeps {
  aggregates: Pick<AggregatesRepo, 'readRoundRows'>;
  roster: Pick<RosterRepo, 'listWardRosters'>;
  /** The tree of an area set: the round's figures are read on the set it pins. */
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
}

/** The figures of the areas of `levels` the user may read; levels with none readable are left out. */
export async function readableAggregates(
  user: User,
  roundId: string,
  levels: readonly AggregateLevel[],
  deps: ReadableAggregatesDeps,
  /** Who may read an area of the round's tree; by default the user's areas read in that tree. */
  mayRead: (code: string, tree: AreaTree) => boolean = (code, tree) => canReadAggregatesOf(user, code, tree),
): Promise<AggregatesResponse[]> {
  const round = await deps.reference.getRound(roundId);
  const [tree, list] = await Promise.all([deps.areaTree(round?.areaSetId), figuresListOf(roundId, deps)]);
  const [rows, rosterTotals] = await Promise.all([deps.aggregates.readRoundRows(list.rowsKey), rosterWardTotals(deps.roster, round?.areaSetId)]);
  // What review adds is summed from the rows once, whatever the number of levels asked.
  const review = reviewFiguresOf({ rows, tree, policy: list.countPolicy, rosterTotals, indicators: list.counted?.indicators });
  return levels.flatMap((level) => {
    const codes = tree
      .ofLevel(level)
      .map((a) => a.code)
      .filter((code) => mayRead(code, tree));
    if (codes.length === 0) return [];
    return [withStateFigures(buildAggregates(roundId, level, codes, tree, rows, rosterTotals, list.counted, countedStates(list.countPolicy)), review)];
  });
}

/**
 * Households per ward from the rosters imported in area set `areaSetId` (the round's: undefined for the
 * installation's own); wards without a roster keep the official statistic.
 */
export async function rosterWardTotals(roster: ReadableAggregatesDeps['roster'], areaSetId: string | undefined): Promise<Map<string, number>> {
  const pointers = await roster.listWardRosters(areaSetId);
  return new Map(pointers.map((p) => [p.wardCode, p.households]));
}
