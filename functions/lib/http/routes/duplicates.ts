// /api/duplicates: a ward's likely duplicate households (no roster code), for its reviewers to merge or keep.
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { listDuplicates, resolveDuplicate } from '../../services/households/duplicates';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

const ListQuerySchema = z.strictObject({ roundId: codeId(64), wardCode: codeId(32) });
const ResolveSchema = z.strictObject({
  roundId: codeId(64),
  wardCode: codeId(32),
  a: z.string().check(z.minLength(1), z.maxLength(64)),
  b: z.string().check(z.minLength(1), z.maxLength(64)),
  decision: z.enum(['merge', 'keep']),
  keepId: z.optional(z.string().check(z.maxLength(64))),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(500))),
});

export function duplicateRoutes({ repo, identity, clock, areaTree }: AppDeps & { areaTree: AreaTreeOf }) {
  const deps = { ...repo, areaTree, clock };
  return new Hono<AppEnv>()
    .use(requireUser(identity, 'official', 'admin'))
    .get('/', async (c) => {
      const { roundId, wardCode } = parseOrThrow(ListQuerySchema, c.req.query());
      return c.json({ pairs: await listDuplicates(roundId, wardCode, c.get('user'), deps) });
    })
    .post('/resolve', async (c) => {
      const resolution = parseOrThrow(ResolveSchema, await readJson(c));
      await resolveDuplicate(resolution, c.get('user'), deps);
      return c.body(null, 204);
    });
}
