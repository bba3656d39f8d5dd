// Who may touch what, decided on the server from the verified user and the area tree.

import type { User } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { problem } from '../errors';

/**
 * The user's area codes as read in `tree`. Areas an admin moved to an area set are codes of that set: read in
 * another set's tree they would name other units (codes were reused), so they give nothing there. Areas never
 * moved are read in any tree, as they always were (docs/area-sets.md).
 */
export function areasIn(user: User, tree: AreaTree): readonly string[] {
  if (!user.areaSetId || !tree.setId || user.areaSetId === tree.setId) return user.areas;
  return [];
}

/** Collectors (and admins) write and read responses of wards within their areas. */
export function canWorkInWard(user: User, wardCode: string, tree: AreaTree): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'collector' && tree.isWithinAny(wardCode, areasIn(user, tree));
}

/** Officials (and admins) read aggregates of areas within their own. */
export function canReadAggregatesOf(user: User, areaCode: string, tree: AreaTree): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'official' && tree.isWithinAny(areaCode, areasIn(user, tree));
}

/** Who asks to work in a ward: a user (a collector of it, or an admin), or an actor's own rule (a self-report link). */
export type WardWorker = User | (() => boolean);

/**
 * The one check of a ward (and village) a request names, in this order: the ward exists (400 `wardCode`), the
 * village, when given, is in it (400 `villageCode`), and the user may work there (403 `wardCode`). The area tree is
 * public, so answering 400 before 403 reveals nothing.
 */
export function assertVillageOfWard(tree: AreaTree, who: WardWorker, wardCode: string, villageCode: string | undefined): void {
  if (tree.get(wardCode)?.level !== 'ward') throw problem.invalidField('wardCode', 'validation.unknown_ward');
  if (villageCode !== undefined && tree.wardOfVillage(villageCode)?.code !== wardCode)
    throw problem.invalidField('villageCode', 'validation.village_not_in_ward');
  const allowed = typeof who === 'function' ? who() : canWorkInWard(who, wardCode, tree);
  if (!allowed) throw problem.forbidden('wardCode');
}
