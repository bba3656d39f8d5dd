// Area sets as officials and admins read them (API.md, *Area sets*; docs/area-sets.md): the list, which other sets
// a round's figures can be shown on (those holding a mapping from the round's set), a set's units, and the
// admins' import with its per-line preview. Loaded with the results and admin pages only.
import { AreaSetMetaSchema } from '@shared/areas/area-set';
import { type Area, AreaSchema } from '@shared/areas/areas';
import * as z from 'zod/mini';
import { ApiError, api } from '../platform/api';

export type AreaSetView = z.infer<typeof AreaSetMetaSchema>;

export async function listAreaSets(): Promise<AreaSetView[]> {
  return (await api.json(z.object({ areaSets: z.array(AreaSetMetaSchema) }), await api.request('GET', '/api/area-sets'))).areaSets;
}

/** The units of one set (the served list when the set is the installation's own). */
export async function areasOfSet(areaSetId: string): Promise<Area[]> {
  return (await api.json(z.object({ areas: z.array(AreaSchema) }), await api.request('GET', '/api/areas', { query: { areaSet: areaSetId } }))).areas;
}

const MappingSchema = z.object({ mapping: z.array(z.object({ from: z.string(), to: z.string(), fromName: z.optional(z.string()) })) });
export type MappingView = z.infer<typeof MappingSchema>['mapping'];

/** The links from set `fromId` to set `id`; undefined where the server holds no such mapping (400) or set (404). */
export async function mappingBetween(id: string, fromId: string): Promise<MappingView | undefined> {
  try {
    const response = await api.request('GET', `/api/area-sets/${encodeURIComponent(id)}/mapping`, { query: { from: fromId } });
    return (await api.json(MappingSchema, response)).mapping;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 404)) return undefined;
    throw error;
  }
}

/**
 * The sets a round's figures can be shown on: its own first, then every set holding a mapping from it, oldest
 * first. Empty for a round without a set (the server shows such a round as it is).
 */
export async function viewableSets(ownSetId: string | undefined, sets: readonly AreaSetView[]): Promise<AreaSetView[]> {
  const own = sets.find((s) => s.id === ownSetId);
  if (!own) return [];
  const others = sets.filter((s) => s.id !== own.id);
  const mapped = await Promise.all(others.map(async (s) => ((await mappingBetween(s.id, own.id)) ? s : undefined)));
  return [own, ...mapped.filter((s) => s !== undefined)].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  stored: z.boolean(),
  units: z.number(),
  links: z.number(),
  errors: z.array(z.object({ line: z.number(), path: z.string(), message: z.string() })),
});
export type AreaSetImportResult = z.infer<typeof ImportResultSchema>;

/**
 * Checks (dryRun) or imports a set. A preview answers 200 with every bad line; a refused import answers 400 with
 * the same lines in a body the client reads as an error, so the page previews first and imports a clean file only.
 */
export async function importAreaSet(
  body: { text: string; contentType: string },
  dryRun: boolean,
  /** A CSV's set fields (id, name, effectiveFrom, effectiveTo, fromSetId): it carries only the units. */
  setFields: Record<string, string | undefined> = {},
): Promise<AreaSetImportResult> {
  const query = { ...setFields, dryRun: dryRun ? 'true' : undefined };
  return api.json(ImportResultSchema, await api.request('POST', '/api/area-sets', { text: { body: body.text, contentType: body.contentType }, query }));
}
