// Who may touch what, decided on the server from the verified user and the area tree.
import { AreaTree } from '../../../shared/areas/areas';
import type { User } from '../../../shared/api/contract';
import { ForbiddenError, ValidationError } from '../errors';
import type { ReferenceRepo } from '../repo/types';

/** Collectors (and admins) write and read responses of wards within their areas. */
export function canWorkInWard(user: User, wardCode: string, tree: AreaTree): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'collector' && tree.isWithinAny(wardCode, user.areas);
}

/** Officials (and admins) read aggregates of areas within their own. */
export function canReadAggregatesOf(user: User, areaCode: string, tree: AreaTree): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'official' && tree.isWithinAny(areaCode, user.areas);
}

/** Who asks to work in a ward: a user (a collector of it, or an admin), or an actor's own rule (a self-report link). */
export type WardWorker = User | (() => boolean);

/**
 * The one check of a ward (and village) a request names, in this order: the ward exists (400 `wardCode`), the
 * village, when given, is in it (400 `villageCode`), and the user may work there (403 `wardCode`). The area tree is
 * public, so answering 400 before 403 reveals nothing.
 */
export function assertVillageOfWard(tree: AreaTree, who: WardWorker, wardCode: string, villageCode: string | undefined): void {
  if (tree.get(wardCode)?.level !== 'ward') throw new ValidationError([{ path: 'wardCode', key: 'validation.unknown_ward' }]);
  if (villageCode !== undefined && tree.wardOfVillage(villageCode)?.code !== wardCode) throw new ValidationError([{ path: 'villageCode', key: 'validation.village_not_in_ward' }]);
  const allowed = typeof who === 'function' ? who() : canWorkInWard(who, wardCode, tree);
  if (!allowed) throw new ForbiddenError([{ path: 'wardCode', key: 'error.forbidden' }]);
}

/** Areas change rarely: keep the tree for a short while instead of reading it on every request. */
export function cachedAreaTree(reference: ReferenceRepo, clock: () => Date, ttlMs = 60_000): () => Promise<AreaTree> {
  let cached: { tree: AreaTree; at: number } | undefined;
  return async () => {
    const now = clock().getTime();
    if (!cached || now - cached.at > ttlMs) cached = { tree: new AreaTree(await reference.listAreas()), at: now };
    return cached.tree;
  };
}
