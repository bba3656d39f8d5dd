// An admin imports an area set (JSON, or CSV read by parse-area-set-csv): every bad unit listed by its line (1 =
// the first unit of a JSON list; the file line of a CSV), stored all or
// nothing, previewed with dryRun, like the roster import. Each ward of the new set may name the units of an older
// set it came from (`from`), a village the villages it came from (`fromVillages`); a unit outside the older set
// (a commune that joined from another district) is accepted only when named in `fromNames`.
import { type AreaSet, checkUnits, levelsOf, type MappingLink, type UnitIssue } from '@shared/areas/area-set';
import { AREA_LEVELS, type Area } from '@shared/areas/areas';
import * as z from 'zod/mini';
import type { AreaSetsRepo } from '../../repo/types';
import type { AreaTreeOf } from './area-tree';

const UnitSchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9-]+$/)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  level: z.enum(AREA_LEVELS),
  parentCode: z.nullable(z.string()),
  households: z.optional(z.nullable(z.number())),
  from: z.optional(z.array(z.string())),
  fromVillages: z.optional(z.array(z.string())),
  fromNames: z.optional(z.record(z.string(), z.string())),
});

export const AreaSetImportSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9-]+$/)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  effectiveFrom: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  effectiveTo: z.optional(z.nullable(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)))),
  fromSetId: z.optional(z.string()),
  units: z.array(z.unknown()),
});
export type AreaSetImport = z.infer<typeof AreaSetImportSchema>;

export interface ImportAreaSetResult {
  dryRun: boolean;
  stored: boolean;
  units: number;
  links: number;
  errors: UnitIssue[];
}

/** Where the units came from: the file line of each (default: 1 for the first) and issues found reading the file. */
export interface ImportSource {
  lines?: readonly number[];
  issues?: readonly UnitIssue[];
}

export async function importAreaSet(
  request: AreaSetImport,
  dryRun: boolean,
  deps: { areaSets: Pick<AreaSetsRepo, 'get' | 'put'>; areaTree: AreaTreeOf },
  source: ImportSource = {},
): Promise<ImportAreaSetResult> {
  const errors: UnitIssue[] = [...(source.issues ?? [])];
  const units: (Area & { line: number })[] = [];
  const links: MappingLink[] = [];
  const parsed = request.units.map((raw, i) => ({ line: source.lines?.[i] ?? i + 1, result: UnitSchema.safeParse(raw) }));
  for (const { line, result } of parsed) {
    if (!result.success) {
      for (const issue of result.error.issues)
        errors.push({ line, field: String(issue.path[0] ?? ''), key: issue.path[0] === 'level' ? 'areaSets.unknown_level' : 'areaSets.required' });
      continue;
    }
    const { from: _f, fromVillages: _v, fromNames: _n, ...unit } = result.data;
    units.push({ ...unit, line });
  }
  if (request.units.length === 0 && errors.length === 0) errors.push({ line: 0, field: 'units', key: 'areaSets.no_units' });
  errors.push(...checkUnits(units, (i) => units[i]!.line));
  if (await deps.areaSets.get(request.id)) errors.push({ line: 0, field: 'id', key: 'areaSets.set_taken', params: { id: request.id } });
  const fromSet = request.fromSetId;
  const oldTree = fromSet ? await deps.areaTree(fromSet) : undefined;
  if (fromSet && oldTree?.areas.length === 0) errors.push({ line: 0, field: 'fromSetId', key: 'areaSets.unknown_from_set', params: { set: fromSet } });
  for (const { line, result } of parsed) {
    if (!result.success) continue;
    const { code, level, from = [], fromVillages = [], fromNames = {} } = result.data;
    if ((from.length > 0 || fromVillages.length > 0) && !fromSet) errors.push({ line, field: 'from', key: 'areaSets.from_set_required' });
    if (from.length > 0 && level !== 'ward') errors.push({ line, field: 'from', key: 'areaSets.from_needs_ward' });
    if (fromVillages.length > 0 && level !== 'village') errors.push({ line, field: 'fromVillages', key: 'areaSets.from_needs_village' });
    if (!fromSet || !oldTree || oldTree.areas.length === 0) continue;
    for (const old of from) {
      if (oldTree.get(old)?.level === 'ward') links.push({ from: old, to: code });
      else if (fromNames[old]) links.push({ from: old, to: code, fromName: fromNames[old] });
      else errors.push({ line, field: 'from', key: 'areaSets.unknown_from_unit', params: { set: fromSet, code: old } });
    }
    for (const old of fromVillages) {
      if (oldTree.get(old)?.level === 'village') links.push({ from: old, to: code });
      else errors.push({ line, field: 'fromVillages', key: 'areaSets.unknown_from_unit', params: { set: fromSet, code: old } });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  const summary = { dryRun, units: units.length, links: links.length, errors };
  if (errors.length > 0 || dryRun) return { ...summary, stored: false };
  const set: AreaSet = {
    id: request.id,
    name: request.name,
    effectiveFrom: request.effectiveFrom,
    effectiveTo: request.effectiveTo ?? null,
    levels: levelsOf(units),
    units: units.map(({ line: _l, ...unit }) => unit),
    mappings: fromSet ? [{ fromSetId: fromSet, links }] : [],
  };
  const stored = await deps.areaSets.put(set);
  if (!stored) return { ...summary, stored, errors: [{ line: 0, field: 'id', key: 'areaSets.set_taken', params: { id: request.id } }] };
  return { ...summary, stored };
}
