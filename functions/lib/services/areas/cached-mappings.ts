// Mappings between area sets read through an in-process cache. A stored set is written once (its record is put
// only where none exists), so a mapping found never changes and is kept; one not found is asked again, since the
// set may be imported later. Officials never moved read every round on a newer set through a mapping.
import type { MappingLink } from '@shared/areas/area-set';
import type { AreaSetsRepo } from '../../repo/types';

/** Mappings kept at once: a few per reorganisation; beyond it the oldest goes. */
const MAX_MAPPINGS = 32;

export function withCachedMappings<R extends Pick<AreaSetsRepo, 'getMapping'>>(areaSets: R, max = MAX_MAPPINGS): R {
  const found = new Map<string, Promise<MappingLink[] | undefined>>();
  // Delegates through the prototype, so the other methods stay the store's own.
  return Object.assign(Object.create(areaSets) as R, {
    getMapping(id: string, fromSetId: string) {
      const key = JSON.stringify([id, fromSetId]);
      const hit = found.get(key);
      if (hit) return hit;
      const read = areaSets.getMapping(id, fromSetId);
      found.set(key, read);
      // Neither a failed read nor a missing mapping is kept.
      const forget = () => found.get(key) === read && found.delete(key);
      read.then((links) => links === undefined && forget(), forget);
      if (found.size > max) found.delete(found.keys().next().value as string);
      return read;
    },
  });
}
