// /api/area-sets: the administrative map as versioned data. Anyone signed in reads the sets and their
// mappings (officials pick a set to view results on); admins import a new set.
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { listAreaSets, mappingBetween } from '../../services/areas/area-sets';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow } from '../request';

const MappingQuerySchema = z.strictObject({ from: codeId(64) });

export function areaSetRoutes({ repo, identity }: AppDeps) {
  const anyone = requireUser(identity, 'collector', 'official', 'admin');
  return new Hono<AppEnv>()
    .get('/', anyone, async (c) => c.json({ areaSets: await listAreaSets(repo.areaSets) }))
    .get('/:id/mapping', anyone, async (c) => {
      const { from } = parseOrThrow(MappingQuerySchema, c.req.query());
      return c.json({ mapping: await mappingBetween(repo.areaSets, c.req.param('id'), from) });
    });
}
