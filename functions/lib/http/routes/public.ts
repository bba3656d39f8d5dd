// Routes without a login: health and the areas the form needs (sign-in: session.ts).

import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context';

export function healthRoutes() {
  return new Hono<AppEnv>().get('/', (c) => c.json({ ok: true }));
}

export function areaRoutes({ repo }: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => c.json({ areas: await repo.reference.listAreas() }));
}
