// /api/area-sets: the administrative map as versioned data. Anyone signed in reads the sets and their
// mappings (officials pick a set to view results on); admins import a new set, as JSON or as CSV (text/csv,
// the set's own fields then in the query string).

import { translate } from '@shared/i18n/dictionary';
import type { MessageKey } from '@shared/i18n/message-key';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { problem } from '../../errors';
import { listAreaSets, mappingBetween } from '../../services/areas/area-sets';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { AreaSetImportSchema, type ImportSource, importAreaSet } from '../../services/areas/import-area-set';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

const MappingQuerySchema = z.strictObject({ from: codeId(64) });
const DryRun = z.optional(z.enum(['1', 'true', '0', 'false']));
const ImportQuerySchema = z.strictObject({ dryRun: DryRun });
/** A CSV carries only units: the set's own fields come in the query string. */
const CsvQuerySchema = z.strictObject({
  dryRun: DryRun,
  id: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.optional(z.string()),
  fromSetId: z.optional(z.string()),
});

/**
 * A province's set (3,300 units, 100,000 villages) is a few MB of CSV, far above the API's 64 KB body limit;
 * 5 MB stays under Lambda's 6 MB synchronous payload limit. create-app exempts this path from the default.
 */
export const AREA_SET_IMPORT_PATH = '/api/area-sets';
export const AREA_SET_MAX_BYTES = 5 * 1024 * 1024;
const isCsv = (type: string | undefined) => /^text\/csv\s*(?:;.*)?$/i.test((type ?? '').trim());
export function areaSetRoutes({ repo, identity, areaTree }: AppDeps & { areaTree: AreaTreeOf }) {
  const anyone = requireUser(identity, 'collector', 'official', 'admin');
  const limit = bodyLimit({
    maxSize: AREA_SET_MAX_BYTES,
    onError: () => {
      throw problem.payloadTooLarge(AREA_SET_MAX_BYTES);
    },
  });
  return new Hono<AppEnv>()
    .get('/', anyone, async (c) => c.json({ areaSets: await listAreaSets(repo.areaSets) }))
    .get('/:id/mapping', anyone, async (c) => {
      const { from } = parseOrThrow(MappingQuerySchema, c.req.query());
      return c.json({ mapping: await mappingBetween(repo.areaSets, c.req.param('id'), from) });
    })
    .post('/', requireUser(identity, 'admin'), limit, async (c) => {
      let dryRun: string | undefined;
      let request: z.infer<typeof AreaSetImportSchema>;
      let source: ImportSource = {};
      if (isCsv(c.req.header('content-type'))) {
        const { dryRun: preview, effectiveTo, fromSetId, ...meta } = parseOrThrow(CsvQuerySchema, c.req.query());
        // csv-parse serves this import only: loaded on its first use, not at every cold start.
        const { readAreaSetCsv } = await import('../../services/areas/parse-area-set-csv');
        const { units, lines, issues } = readAreaSetCsv(await c.req.text());
        dryRun = preview;
        request = parseOrThrow(AreaSetImportSchema, { ...meta, ...(effectiveTo ? { effectiveTo } : {}), ...(fromSetId ? { fromSetId } : {}), units });
        source = { lines, issues };
      } else {
        dryRun = parseOrThrow(ImportQuerySchema, c.req.query()).dryRun;
        request = parseOrThrow(AreaSetImportSchema, await readJson(c));
      }
      const result = await importAreaSet(request, dryRun === '1' || dryRun === 'true', { areaSets: repo.areaSets, areaTree }, source);
      const lang = c.get('lang');
      const errors = result.errors.map(({ line, field, key, params }) => ({ line, path: field, message: translate(lang, key as MessageKey, params) }));
      return c.json({ ...result, errors }, result.dryRun ? 200 : errors.length > 0 ? 400 : 201);
    });
}
