// The area list `GET /api/areas` serves: whole, or one parent's children, or one level's units. A stored set
// answers a filtered list from its parent or level partition (one Query), so a phone recording a household reads
// its ward's villages, never a province's. The installation's own list is small and cached: it is filtered in memory.
import type { Area, AreaLevel } from '@shared/areas/areas';
import { CURRENT_AREA_SET_ID } from '@shared/areas/bim-son';
import type { AreaSetsRepo, ReferenceRepo } from '../../repo/types';
import { assertAreaSetExists } from './area-sets';
import type { AreaTreeOf } from './area-tree';

export interface AreaListQuery {
  areaSet?: string;
  /** Only the units whose parent is this code (a ward's villages, a province's wards). */
  parent?: string;
  /** Only the units of this level; with `parent`, both must hold. */
  level?: AreaLevel;
}

export interface AreaListDeps {
  reference: Pick<ReferenceRepo, 'listAreas'>;
  areaSets: Pick<AreaSetsRepo, 'get' | 'listChildren' | 'listLevel'>;
  areaTree: AreaTreeOf;
}

/** The areas a query asks for, in set order; 400 for an unknown set, an empty list for an unknown parent. */
export async function listAreasOf({ areaSet, parent, level }: AreaListQuery, deps: AreaListDeps): Promise<readonly Area[]> {
  if (areaSet) await assertAreaSetExists(deps.areaSets, areaSet, 'areaSet');
  if (!areaSet && parent === undefined && level === undefined) return deps.reference.listAreas();
  const keep = (area: Area) => (parent === undefined || area.parentCode === parent) && (level === undefined || area.level === level);
  if (!areaSet || areaSet === CURRENT_AREA_SET_ID) return (await deps.areaTree(areaSet)).areas.filter(keep);
  if (parent !== undefined) return (await deps.areaSets.listChildren(areaSet, parent)).filter(keep);
  if (level !== undefined) return deps.areaSets.listLevel(areaSet, level);
  return (await deps.areaTree(areaSet)).areas;
}
