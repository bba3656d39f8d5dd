// Which area set a roster request reads or writes: rosters are kept per set, because a ward code means
// something only within its set (14812 is Ba Đình in bim-son-2020 and Phường Bỉm Sơn in bim-son-2025).

import { rosterSetOf } from '@shared/roster/roster-set';
import { isRoundOpen } from '@shared/rounds/round-window';
import type { AreaSetsRepo, ReferenceRepo } from '../../repo/types';
import { assertAreaSetExists } from '../areas/area-sets';
import { requireRound } from '../rounds/require-round';

export interface RosterSetDeps {
  reference: Pick<ReferenceRepo, 'getRound' | 'listRounds'>;
  areaSets: Pick<AreaSetsRepo, 'get'>;
}

/** The latest-opened round open at `now` (the one the web app works on when none is chosen), on `areaSetId` if given. */
export async function openRoundNow(reference: Pick<ReferenceRepo, 'listRounds'>, now: Date, areaSetId?: string) {
  const onSet = (round: { areaSetId?: string }) => areaSetId === undefined || rosterSetOf(round.areaSetId) === rosterSetOf(areaSetId);
  const open = (await reference.listRounds()).filter((round) => isRoundOpen(round, now) && onSet(round));
  return open.sort((a, b) => Date.parse(b.opensAt) - Date.parse(a.opensAt))[0];
}

/**
 * The set a roster request names: a round's (`roundId` wins: 400 on `roundId` for an unknown round), else
 * `areaSet` (400 on `areaSet` for an unknown set), else the set of the round open now, else the installation's.
 */
export async function rosterSetOfRequest(query: { roundId?: string; areaSet?: string }, now: Date, deps: RosterSetDeps): Promise<string> {
  if (query.roundId) return rosterSetOf((await requireRound(deps.reference, query.roundId)).areaSetId);
  if (query.areaSet) {
    await assertAreaSetExists(deps.areaSets, query.areaSet, 'areaSet');
    return query.areaSet;
  }
  return rosterSetOf((await openRoundNow(deps.reference, now))?.areaSetId);
}
