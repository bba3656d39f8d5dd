// Routes without a login: health, session, and the areas the form needs.

import { SessionRequestSchema } from '@shared/api/contract';
import { Hono } from 'hono';
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

export function areaRoutes({ repo }: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => c.json({ areas: await repo.reference.listAreas() }));
}
