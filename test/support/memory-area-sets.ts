// The in-memory area-set store the API tests use; the repository contract suite holds it to the DynamoDB one.
import type { AreaSet } from '@shared/areas/area-set';
import type { AreaSetsRepo } from '../../functions/lib/repo/types';

export function createMemoryAreaSets(): AreaSetsRepo {
  const sets = new Map<string, AreaSet>();
  const copy = <T>(value: T): T => structuredClone(value);
  const metaOf = ({ id, name, effectiveFrom, effectiveTo, levels }: AreaSet) => ({ id, name, effectiveFrom, effectiveTo, levels: [...levels] });
  return {
    async list() {
      return [...sets.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).map(metaOf);
    },
    async get(id) {
      const set = sets.get(id);
      return set ? metaOf(set) : undefined;
    },
    async listUnits(id) {
      return copy(sets.get(id)?.units ?? []);
    },
    async listChildren(id, parentCode) {
      return copy((sets.get(id)?.units ?? []).filter((unit) => unit.parentCode === parentCode));
    },
    async listLevel(id, level) {
      return copy((sets.get(id)?.units ?? []).filter((unit) => unit.level === level));
    },
    async getMapping(id, fromSetId) {
      const mapping = sets.get(id)?.mappings.find((m) => m.fromSetId === fromSetId);
      return mapping ? copy(mapping.links) : undefined;
    },
    async put(set) {
      if (sets.has(set.id)) return false;
      sets.set(set.id, copy(set));
      return true;
    },
  };
}
