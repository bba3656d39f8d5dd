// Routes without a login: health and the areas the form needs (sign-in: session.ts).

import { AREA_LEVELS } from '@shared/areas/areas';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { listAreasOf } from '../../services/areas/area-list';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import type { AppDeps, AppEnv } from '../context';
import { parseOrThrow } from '../request';

export function healthRoutes() {
  return new Hono<AppEnv>().get('/', (c) => c.json({ ok: true }));
}

const AreasQuerySchema = z.object({ areaSet: z.optional(codeId(64)), parent: z.optional(codeId(64)), level: z.optional(z.enum(AREA_LEVELS)) });

/**
 * The area list: the installation's own without `areaSet`, else that set's (400 for an unknown set); `parent`
 * and `level` narrow it to one parent's children or one level's units, in the same shape.
 */
export function areaRoutes({ repo, areaTree }: AppDeps & { areaTree: AreaTreeOf }) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const query = parseOrThrow(AreasQuerySchema, c.req.query());
    return c.json({ areas: await listAreasOf(query, { reference: repo.reference, areaSets: repo.areaSets, areaTree }) });
  });
}
