// The area-set cases of the repository contract: the fake and DynamoDB Local store and read sets alike.
import { BIM_SON_2020, BIM_SON_2025 } from '@shared/areas/bim-son-2025';
import { describe, expect, it } from 'vitest';
import type { Repository } from '../../functions/lib/repo/types';

export function describeAreaSetsContract(repo: () => Repository): void {
  describe('area sets', () => {
    it('stores a set whole: meta, units in order and its mapping; lists sets oldest first', async () => {
      expect(await repo().areaSets.put(BIM_SON_2025)).toBe(true);
      expect(await repo().areaSets.put(BIM_SON_2020)).toBe(true);
      expect((await repo().areaSets.list()).map((s) => s.id)).toEqual(['bim-son-2020', 'bim-son-2025']);
      expect(await repo().areaSets.get('bim-son-2025')).toEqual({
        id: 'bim-son-2025',
        name: BIM_SON_2025.name,
        effectiveFrom: '2025-07-01',
        effectiveTo: null,
        levels: ['province', 'ward', 'village'],
      });
      expect(await repo().areaSets.listUnits('bim-son-2025')).toEqual(BIM_SON_2025.units);
      expect(await repo().areaSets.getMapping('bim-son-2025', 'bim-son-2020')).toEqual(BIM_SON_2025.mappings[0].links);
    });

    it('reads the children of one parent and the units of one level in set order', async () => {
      expect(await repo().areaSets.put(BIM_SON_2025)).toBe(true);
      const byParent = (parent: string) => BIM_SON_2025.units.filter((u) => u.parentCode === parent);
      expect(await repo().areaSets.listChildren('bim-son-2025', '38')).toEqual(byParent('38'));
      expect(await repo().areaSets.listChildren('bim-son-2025', '14812')).toEqual(byParent('14812'));
      expect(await repo().areaSets.listChildren('bim-son-2025', 'nowhere')).toEqual([]);
      for (const level of ['ward', 'village'] as const) {
        expect(await repo().areaSets.listLevel('bim-son-2025', level)).toEqual(BIM_SON_2025.units.filter((u) => u.level === level));
      }
      expect(await repo().areaSets.listChildren('nowhere', '38')).toEqual([]);
    });

    it('never replaces a stored set, and answers nothing for an unknown set or mapping', async () => {
      expect(await repo().areaSets.put(BIM_SON_2020)).toBe(true);
      expect(await repo().areaSets.put({ ...BIM_SON_2020, name: 'khác', units: [] })).toBe(false);
      expect((await repo().areaSets.get('bim-son-2020'))?.name).toBe(BIM_SON_2020.name);
      expect(await repo().areaSets.get('nowhere')).toBeUndefined();
      expect(await repo().areaSets.listUnits('nowhere')).toEqual([]);
      expect(await repo().areaSets.getMapping('bim-son-2020', 'bim-son-2025')).toBeUndefined();
    });
  });
}
