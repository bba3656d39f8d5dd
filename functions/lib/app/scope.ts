// Who may touch what, decided on the server from the verified user and the area tree.
import { AreaTree } from '../../../shared/areas/areas';
import type { User } from '../../../shared/api/contract';
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

/** Areas change rarely: keep the tree for a short while instead of reading it on every request. */
export function cachedAreaTree(reference: ReferenceRepo, clock: () => Date, ttlMs = 60_000): () => Promise<AreaTree> {
  let cached: { tree: AreaTree; at: number } | undefined;
  return async () => {
    const now = clock().getTime();
    if (!cached || now - cached.at > ttlMs) cached = { tree: new AreaTree(await reference.listAreas()), at: now };
    return cached.tree;
  };
}
