// Routes without a login: health, session, and the areas the form needs.

import { SessionRequestSchema } from '@shared/api/contract';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { assertAreaSetExists } from '../../services/areas/area-sets';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { guardedSignIn } from '../../services/sign-in/sign-in-guard';
import { clientAddress } from '../client-origin';
import type { AppDeps, AppEnv } from '../context';
import { parseOrThrow, readJson } from '../request';

export function healthRoutes() {
  return new Hono<AppEnv>().get('/', (c) => c.json({ ok: true }));
}

export function sessionRoutes({ identity, repo, clock, originVerify, originVerifyPrevious, signInPolicy }: AppDeps) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const { username, password } = parseOrThrow(SessionRequestSchema, await readJson(c));
    const address = clientAddress(c, [originVerify, originVerifyPrevious]);
    return c.json(await guardedSignIn({ username, password, address }, { identity, attempts: repo.attempts, clock, policy: signInPolicy }));
  });
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
