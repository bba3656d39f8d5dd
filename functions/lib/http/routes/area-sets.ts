// /api/area-sets: the administrative map as versioned data. Anyone signed in reads the sets and their
// mappings (officials pick a set to view results on); admins import a new set.

import { translate } from '@shared/i18n/dictionary';
import type { MessageKey } from '@shared/i18n/message-key';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { listAreaSets, mappingBetween } from '../../services/areas/area-sets';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { AreaSetImportSchema, importAreaSet } from '../../services/areas/import-area-set';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

const MappingQuerySchema = z.strictObject({ from: codeId(64) });
const ImportQuerySchema = z.strictObject({ dryRun: z.optional(z.enum(['1', 'true', '0', 'false'])) });

export function areaSetRoutes({ repo, identity, areaTree }: AppDeps & { areaTree: AreaTreeOf }) {
  const anyone = requireUser(identity, 'collector', 'official', 'admin');
  return new Hono<AppEnv>()
    .get('/', anyone, async (c) => c.json({ areaSets: await listAreaSets(repo.areaSets) }))
    .get('/:id/mapping', anyone, async (c) => {
      const { from } = parseOrThrow(MappingQuerySchema, c.req.query());
      return c.json({ mapping: await mappingBetween(repo.areaSets, c.req.param('id'), from) });
    })
    .post('/', requireUser(identity, 'admin'), async (c) => {
      const { dryRun } = parseOrThrow(ImportQuerySchema, c.req.query());
      const request = parseOrThrow(AreaSetImportSchema, await readJson(c));
      const result = await importAreaSet(request, dryRun === '1' || dryRun === 'true', { areaSets: repo.areaSets, areaTree });
      const lang = c.get('lang');
      const errors = result.errors.map(({ line, field, key, params }) => ({ line, path: field, message: translate(lang, key as MessageKey, params) }));
      return c.json({ ...result, errors }, result.dryRun ? 200 : errors.length > 0 ? 400 : 201);
    });
}
