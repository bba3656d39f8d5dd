// Area sets as the API serves them: the list, one set's existence check, and a mapping between two sets.
import type { AreaSetMeta, MappingLink } from '@shared/areas/area-set';
import { CURRENT_AREA_SET_ID } from '@shared/areas/bim-son';
import { problem } from '../../errors';
import type { AreaSetsRepo } from '../../repo/types';

/** Every stored area set, oldest first. */
export async function listAreaSets(areaSets: Pick<AreaSetsRepo, 'list'>): Promise<AreaSetMeta[]> {
  return areaSets.list();
}

/**
 * Whether a round (or a query) may name `id`: any stored set, and the installation's own set even where an older
 * installation never stored it as a set (its units are the served area list).
 */
export async function assertAreaSetExists(areaSets: Pick<AreaSetsRepo, 'get'>, id: string, field = 'areaSetId'): Promise<void> {
  if (id === CURRENT_AREA_SET_ID) return;
  if (!(await areaSets.get(id))) throw problem.invalidField(field, 'validation.unknown_area_set');
}

/** The links from set `fromId` to set `id`, stored with `id`; 404 for an unknown set, 400 for no such mapping. */
export async function mappingBetween(areaSets: Pick<AreaSetsRepo, 'get' | 'getMapping'>, id: string, fromId: string): Promise<MappingLink[]> {
  if (id !== CURRENT_AREA_SET_ID && !(await areaSets.get(id))) throw problem.notFound();
  const links = await areaSets.getMapping(id, fromId);
  if (!links) throw problem.invalidField('from', 'areaSets.no_mapping', { from: fromId, to: id });
  return links;
}
