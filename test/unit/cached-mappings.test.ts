import type { MappingLink } from '@shared/areas/area-set';
import { describe, expect, it } from 'vitest';
import { withCachedMappings } from '../../functions/lib/services/areas/cached-mappings';

function countingStore(mappings: Map<string, MappingLink[]>) {
  const reads: string[] = [];
  const store = {
    fails: false,
    async getMapping(id: string, fromSetId: string) {
      reads.push(`${id}<${fromSetId}`);
      if (store.fails) throw new Error('store down');
      return mappings.get(`${id}<${fromSetId}`);
    },
    listUnits: async () => [],
  };
  return { store, reads };
}

describe('cached mappings between area sets', () => {
  it('reads a found mapping once, and asks again for one not found (the set may be imported later)', async () => {
    const mappings = new Map<string, MappingLink[]>([['new<old', [{ from: 'A', to: 'X' }]]]);
    const { store, reads } = countingStore(mappings);
    const cached = withCachedMappings(store);
    expect(await cached.getMapping('new', 'old')).toEqual([{ from: 'A', to: 'X' }]);
    expect(await cached.getMapping('new', 'old')).toEqual([{ from: 'A', to: 'X' }]);
    expect(await cached.getMapping('later', 'old')).toBeUndefined();
    mappings.set('later<old', [{ from: 'B', to: 'Y' }]);
    expect(await cached.getMapping('later', 'old')).toEqual([{ from: 'B', to: 'Y' }]);
    expect(reads).toEqual(['new<old', 'later<old', 'later<old']);
    // The store's other methods are its own.
    expect(await cached.listUnits()).toEqual([]);
  });

  it('keeps no failed read, and at most its bound of mappings', async () => {
    const mappings = new Map<string, MappingLink[]>(['a', 'b', 'c'].map((id) => [`${id}<old`, [{ from: id, to: id }]]));
    const { store, reads } = countingStore(mappings);
    const cached = withCachedMappings(store, 2);
    store.fails = true;
    await expect(cached.getMapping('a', 'old')).rejects.toThrow('store down');
    store.fails = false;
    for (const id of ['a', 'b', 'c', 'a']) await cached.getMapping(id, 'old');
    expect(reads).toEqual(['a<old', 'a<old', 'b<old', 'c<old', 'a<old']);
  });
});
