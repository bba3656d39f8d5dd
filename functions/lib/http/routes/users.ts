// /api/users/{username}: an admin changes a user's role or areas, moves the areas to a newer area set through its
// mapping, removes the user, or only signs them out. Each ends the user's sessions (tokens refused from then on,
// refresh refused): see services/sign-in/user-access.ts.
import { RoleSchema } from '@shared/api/contract';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { problem } from '../../errors';
import { assertAreaSetExists } from '../../services/areas/area-sets';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { moveUserAreas } from '../../services/areas/move-user-areas';
import { changeUserAccess, removeUser } from '../../services/sign-in/user-access';
import type { AppContext, AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

const USERNAME = /^[\p{L}\p{N}._@+-]{1,128}$/u;

const AreaCodes = z.array(codeId(64)).check(z.maxLength(200));
const UserChangeSchema = z
  .strictObject({ role: z.optional(RoleSchema), areas: z.optional(AreaCodes), areaSetId: z.optional(codeId(64)) })
  .check(z.refine((change) => change.role !== undefined || change.areas !== undefined, { message: 'role or areas' }))
  .check(z.refine((change) => change.areaSetId === undefined || change.areas !== undefined, { message: 'areaSetId with areas', path: ['areaSetId'] }));
const MoveAreasSchema = z.strictObject({ areas: AreaCodes, fromSetId: z.optional(codeId(64)), toSetId: codeId(64) });
const MoveQuerySchema = z.strictObject({ dryRun: z.optional(z.enum(['1', 'true', '0', 'false'])) });

function usernameOf(c: AppContext): string {
  const username = c.req.param('username') ?? '';
  if (!USERNAME.test(username)) throw problem.invalidField('username', 'validation.invalid_format');
  return username;
}

export function userRoutes({ identity, endSessions, repo, areaTree }: AppDeps & { endSessions: (username: string) => Promise<void>; areaTree: AreaTreeOf }) {
  const deps = { identity, endSessions };
  return new Hono<AppEnv>()
    .use(requireUser(identity, 'admin'))
    .post('/:username/sign-out', async (c) => {
      await endSessions(usernameOf(c));
      return c.body(null, 204);
    })
    .patch('/:username', async (c) => {
      const username = usernameOf(c);
      const change = parseOrThrow(UserChangeSchema, await readJson(c));
      if (change.areaSetId) await assertAreaSetExists(repo.areaSets, change.areaSetId);
      await changeUserAccess(username, change, deps);
      return c.body(null, 204);
    })
    .post('/:username/areas/move', async (c) => {
      const username = usernameOf(c);
      const { dryRun } = parseOrThrow(MoveQuerySchema, c.req.query());
      const request = parseOrThrow(MoveAreasSchema, await readJson(c));
      const preview = dryRun === '1' || dryRun === 'true';
      return c.json(await moveUserAreas(username, request, preview, { ...deps, areaSets: repo.areaSets, areaTree }));
    })
    .delete('/:username', async (c) => {
      await removeUser(usernameOf(c), deps);
      return c.body(null, 204);
    });
}
