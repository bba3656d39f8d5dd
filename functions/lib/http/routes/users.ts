// /api/users/{username}: an admin changes a user's role or areas, removes the user, or only signs them out. Each
// ends the user's sessions (tokens refused from then on, refresh refused): see services/sign-in/user-access.ts.
import { RoleSchema } from '@shared/api/contract';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { problem } from '../../errors';
import { changeUserAccess, removeUser } from '../../services/sign-in/user-access';
import type { AppContext, AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

const USERNAME = /^[\p{L}\p{N}._@+-]{1,128}$/u;

const UserChangeSchema = z
  .strictObject({ role: z.optional(RoleSchema), areas: z.optional(z.array(codeId(64)).check(z.maxLength(200))) })
  .check(z.refine((change) => change.role !== undefined || change.areas !== undefined, { message: 'role or areas' }));

function usernameOf(c: AppContext): string {
  const username = c.req.param('username') ?? '';
  if (!USERNAME.test(username)) throw problem.invalidField('username', 'validation.invalid_format');
  return username;
}

export function userRoutes({ identity, endSessions }: AppDeps & { endSessions: (username: string) => Promise<void> }) {
  const deps = { identity, endSessions };
  return new Hono<AppEnv>()
    .use(requireUser(identity, 'admin'))
    .post('/:username/sign-out', async (c) => {
      await endSessions(usernameOf(c));
      return c.body(null, 204);
    })
    .patch('/:username', async (c) => {
      const username = usernameOf(c);
      await changeUserAccess(username, parseOrThrow(UserChangeSchema, await readJson(c)), deps);
      return c.body(null, 204);
    })
    .delete('/:username', async (c) => {
      await removeUser(usernameOf(c), deps);
      return c.body(null, 204);
    });
}
