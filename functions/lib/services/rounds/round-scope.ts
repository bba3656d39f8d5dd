// Who may read what of a round: its areas are those of the set it pins, and an official whose areas were never
// moved (codes of the installation's set) reads a round on a newer set through the mapping between them, so a
// Ba Đình official (14812 in 2020) does not read Phường Bỉm Sơn (14812 in 2025). See docs/area-sets.md, Scopes.
import type { User } from '@shared/api/contract';
import type { MappingLink } from '@shared/areas/area-set';
import type { AreaTree } from '@shared/areas/areas';
import { CURRENT_AREA_SET_ID } from '@shared/areas/bim-son';
import { formedWithin, formingUnits } from '@shared/areas/formed-by';
import { canReadAggregatesOf } from '../../access/scope';
import type { AreaSetsRepo } from '../../repo/types';
import { mappingBetween } from '../areas/area-sets';
import type { AreaTreeOf } from '../areas/area-tree';
import type { RoundTreeDeps } from './round-tree';

export interface RoundScopeDeps extends RoundTreeDeps {
  areaTree: AreaTreeOf;
  /** The mappings between sets; absent, users' codes are read in the round's set as they are. */
  areaSets?: Pick<AreaSetsRepo, 'get' | 'getMapping'>;
}

/** The tree areas are shown in, and whether the user may read the figures and responses of one of its areas. */
export interface Reader {
  tree: AreaTree;
  mayRead: (code: string) => boolean;
}

/** The reader of a round's areas on its own set; an unknown round reads the installation's tree (its checks fail as before). */
export async function roundReader(user: User, roundId: string, deps: RoundScopeDeps): Promise<Reader> {
  const round = await deps.reference.getRound(roundId);
  return readerOnSet(user, round?.areaSetId ?? CURRENT_AREA_SET_ID, undefined, deps);
}

/**
 * The reader of the figures of a round on set `roundSetId`, shown on set `shownSetId` (default: its own). Shown
 * on another set (re-based), areas are read as docs/area-sets.md says: by the user's codes when the user was
 * moved to that set, else through the mapping from the round's set (400 when there is none).
 */
export async function readerOnSet(user: User, roundSetId: string, shownSetId: string | undefined, deps: RoundScopeDeps): Promise<Reader> {
  const shown = shownSetId ?? roundSetId;
  const tree = await deps.areaTree(shown);
  const plain = plainReader(user, tree);
  if (user.role !== 'official' || user.areaSetId === shown || !deps.areaSets) return plain;
  if (shown !== roundSetId) {
    const [links, oldTree] = await Promise.all([mappingBetween(deps.areaSets, shown, roundSetId), deps.areaTree(roundSetId)]);
    return readerThrough(user, shown, links, oldTree, tree);
  }
  // A round on its own set: only users never moved, and only where that set maps from theirs.
  if (shown === CURRENT_AREA_SET_ID || user.areaSetId) return plain;
  const links = await deps.areaSets.getMapping(shown, CURRENT_AREA_SET_ID);
  if (!links) return plain;
  return acrossReader(user, links, await deps.areaTree(CURRENT_AREA_SET_ID), tree);
}

/**
 * The reader of `tree` (set `shownSetId`) when its figures come from `oldTree` through `links` (re-based): a user
 * moved to the set shown reads it by their own codes; an official of another set through the units that formed
 * each area.
 */
export function readerThrough(user: User, shownSetId: string, links: readonly MappingLink[], oldTree: AreaTree, tree: AreaTree): Reader {
  if (user.role !== 'official' || user.areaSetId === shownSetId) return plainReader(user, tree);
  return acrossReader(user, links, oldTree, tree);
}

const plainReader = (user: User, tree: AreaTree): Reader => ({ tree, mayRead: (code) => canReadAggregatesOf(user, code, tree) });

/** Areas of `tree` read by a user whose codes are of `oldTree`, through the mapping `links` between them. */
function acrossReader(user: User, links: readonly MappingLink[], oldTree: AreaTree, tree: AreaTree): Reader {
  const sources = formingUnits(links, oldTree, tree);
  return { tree, mayRead: (code) => formedWithin(code, tree, sources, (unit) => canReadAggregatesOf(user, unit, oldTree)) };
}
