// Routes without a login: health, session, and the areas the form needs.

import { SessionRequestSchema } from '@shared/api/contract';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context';
import { parseOrThrow, readJson } from '../request';

export function healthRoutes() {
  return new Hono<AppEnv>().get('/', (c) => c.json({ ok: true }));
}

export function sessionRoutes({ identity }: AppDeps) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const { username, password } = parseOrThrow(SessionRequestSchema, await readJson(c));
    return c.json(await identity.signIn(username, password));
  });
}

export function areaRoutes({ repo }: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => c.json({ areas: await repo.reference.listAreas() }));
}
