// Area sets: the administrative map as versioned data. A set has an id, the date it took effect, its levels and
// its units; codes are unique within a set only (the 2025 reorganisation reused 14812 for a new ward). A newer
// set may carry a mapping from an older one: which unit (or, for a split unit, which village) went where.
import * as z from 'zod/mini';
import { AREA_LEVELS, type Area, type AreaLevel } from './areas';

export const AreaSetMetaSchema = z.object({
  id: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.nullable(z.string()),
  levels: z.array(z.enum(AREA_LEVELS)),
});
export type AreaSetMeta = z.infer<typeof AreaSetMetaSchema>;

/** One link of a mapping: households of unit `from` (older set) now lie in unit `to` (newer set). */
export interface MappingLink {
  from: string;
  to: string;
  /** Part of `from`'s households that went to `to`, when a unit was split without a village list. */
  share?: number;
  /** The name of `from` where the older set does not hold it (a unit that joined from outside). */
  fromName?: string;
}

/** A mapping stored with the newer set: from which older set, and its links. */
export interface AreaSetMapping {
  fromSetId: string;
  links: MappingLink[];
}

export interface AreaSet extends AreaSetMeta {
  units: Area[];
  mappings: AreaSetMapping[];
}

/** An issue of a unit list, before translation: the line (1-based, as the admin's file counts) and a key. */
export interface UnitIssue {
  line: number;
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

const LEVEL_RANK: Record<AreaLevel, number> = { province: 0, district: 1, ward: 2, village: 3 };

/** The levels a unit list uses, top down. */
export function levelsOf(units: readonly Area[]): AreaLevel[] {
  const used = new Set(units.map((u) => u.level));
  return AREA_LEVELS.filter((level) => used.has(level));
}

/**
 * Every structural issue of a unit list: duplicate codes, a parent that is missing or not above the unit, a top
 * unit that has a parent-less sibling of another level. `lineOf(i)` names the line of the i-th unit.
 */
export function checkUnits(units: readonly Area[], lineOf: (index: number) => number = (i) => i + 1): UnitIssue[] {
  const issues: UnitIssue[] = [];
  const byCode = new Map<string, Area>();
  units.forEach((unit, i) => {
    if (byCode.has(unit.code)) issues.push({ line: lineOf(i), field: 'code', key: 'areaSets.duplicate_code', params: { code: unit.code } });
    else byCode.set(unit.code, unit);
  });
  units.forEach((unit, i) => {
    if (unit.parentCode === null) {
      if (unit.level !== 'province') issues.push({ line: lineOf(i), field: 'parentCode', key: 'areaSets.parent_required' });
      return;
    }
    const parent = byCode.get(unit.parentCode);
    if (!parent) issues.push({ line: lineOf(i), field: 'parentCode', key: 'areaSets.unknown_parent', params: { code: unit.parentCode } });
    else if (LEVEL_RANK[parent.level] >= LEVEL_RANK[unit.level]) {
      issues.push({ line: lineOf(i), field: 'parentCode', key: 'areaSets.parent_not_above', params: { code: unit.parentCode } });
    }
  });
  return issues;
}
