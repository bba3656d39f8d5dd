// Households reached vs the roster, per village of one ward: for the collectors of the ward and the officials
// above it.
import type { User } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { wardCoverage } from '@shared/roster/coverage';
import { canReadAggregatesOf, canWorkInWard } from '../../access/scope';
import { problem } from '../../errors';
import type { ReferenceRepo, ResponsesRepo, RosterRepo } from '../../repo/types';
import { requireRound } from '../rounds/require-round';
import { openRoundNow } from './roster-set';

export interface WardCoverageDeps {
  reference: Pick<ReferenceRepo, 'getRound'>;
  responses: Pick<ResponsesRepo, 'listAllInWard'>;
  roster: Pick<RosterRepo, 'getWardRoster' | 'listEntries'>;
  /** The tree of an area set: a ward is read in its round's set. */
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
}

/** The coverage of a ward in a round: 400 unknown round or ward, 403 for a user neither working in nor above it. */
export async function coverageOfWard(user: User, roundId: string, wardCode: string, deps: WardCoverageDeps) {
  const round = await requireRound(deps.reference, roundId);
  const tree = await deps.areaTree(round.areaSetId);
  if (tree.get(wardCode)?.level !== 'ward') throw problem.invalidField('wardCode', 'validation.unknown_ward');
  if (!canReadAggregatesOf(user, wardCode, tree) && !canWorkInWard(user, wardCode, tree)) throw problem.forbidden('wardCode');
  // One pointer read, in the round's set: the counts and the codes come from the same import, even while another
  // is published.
  const pointer = await deps.roster.getWardRoster(wardCode, round.areaSetId);
  const [entries, live] = await Promise.all([pointer ? deps.roster.listEntries(pointer) : [], liveResponsesOfWard(deps.responses, roundId, wardCode)]);
  const roster = pointer ? { pointer, codes: new Set(entries.map((e) => e.householdCode)) } : undefined;
  return wardCoverage(roundId, wardCode, tree, live, roster);
}

async function liveResponsesOfWard(responses: WardCoverageDeps['responses'], roundId: string, wardCode: string) {
  const live = [];
  for await (const item of responses.listAllInWard(roundId, wardCode)) {
    if (!item.deletedAt) live.push({ id: item.id, villageCode: item.villageCode, householdCode: item.householdCode });
  }
  return live;
}

/**
 * Households already surveyed per ward in the round open at `now` on area set `areaSetId` (distinct roster codes,
 * else one per response), for the roster import preview to warn when a ward has more than its new roster holds.
 * Empty with no open round on the set: a round on another set reads the same codes as other wards.
 */
export async function surveyedInOpenRound(
  deps: { reference: Pick<ReferenceRepo, 'listRounds'>; responses: Pick<ResponsesRepo, 'listAllInWard'> },
  wardCodes: readonly string[],
  now: Date,
  areaSetId: string,
): Promise<Map<string, { roundId: string; households: number }>> {
  const round = await openRoundNow(deps.reference, now, areaSetId);
  const surveyed = new Map<string, { roundId: string; households: number }>();
  if (!round) return surveyed;
  for (const wardCode of wardCodes) {
    const households = new Set((await liveResponsesOfWard(deps.responses, round.id, wardCode)).map((r) => r.householdCode ?? `response:${r.id}`));
    surveyed.set(wardCode, { roundId: round.id, households: households.size });
  }
  return surveyed;
}
