// Routes without a login: health and the areas the form needs (sign-in: session.ts).

import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { assertAreaSetExists } from '../../services/areas/area-sets';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import type { AppDeps, AppEnv } from '../context';
import { parseOrThrow } from '../request';

export function healthRoutes() {
  return new Hono<AppEnv>().get('/', (c) => c.json({ ok: true }));
}

const AreasQuerySchema = z.object({ areaSet: z.optional(codeId(64)) });

/** The area list: the installation's own without `areaSet`, else that set's (400 for an unknown set). */
export function areaRoutes({ repo, areaTree }: AppDeps & { areaTree: AreaTreeOf }) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { areaSet } = parseOrThrow(AreasQuerySchema, c.req.query());
    if (!areaSet) return c.json({ areas: await repo.reference.listAreas() });
    await assertAreaSetExists(repo.areaSets, areaSet, 'areaSet');
    return c.json({ areas: (await areaTree(areaSet)).areas });
  });
}
