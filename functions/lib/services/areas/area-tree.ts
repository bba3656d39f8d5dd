// The area trees every scope check reads: the installation's served list (the set rounds have always pinned)
// and, by id, any stored area set, each built from the reference data and kept for a short while.

import { AreaTree } from '@shared/areas/areas';
import { CURRENT_AREA_SET_ID } from '@shared/areas/bim-son';
import type { AreaSetsRepo, ReferenceRepo } from '../../repo/types';

/**
 * The tree of an area set: no id (or the installation's own set) → the area list `GET /api/areas` has always
 * served; another id → that stored set's units (an empty tree when there is no such set).
 */
export type AreaTreeOf = (areaSetId?: string) => Promise<AreaTree>;

/** Areas change rarely: keep each tree for a short while instead of reading it on every request. */
export function cachedAreaTree(
  reference: Pick<ReferenceRepo, 'listAreas'>,
  clock: () => Date,
  ttlMs = 60_000,
  areaSets?: Pick<AreaSetsRepo, 'listUnits'>,
): AreaTreeOf {
  const cached = new Map<string, { tree: Promise<AreaTree>; at: number }>();
  return (areaSetId = CURRENT_AREA_SET_ID) => {
    const id = areaSets ? areaSetId : CURRENT_AREA_SET_ID;
    const now = clock().getTime();
    const hit = cached.get(id);
    if (hit && now - hit.at <= ttlMs) return hit.tree;
    const units = id === CURRENT_AREA_SET_ID || !areaSets ? reference.listAreas() : areaSets.listUnits(id);
    const tree = units.then((areas) => new AreaTree(areas, id));
    // A failed read is not kept: the next request reads again.
    tree.catch(() => cached.delete(id));
    cached.set(id, { tree, at: now });
    return tree;
  };
}
