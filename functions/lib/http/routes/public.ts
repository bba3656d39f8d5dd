// Routes without a login: health, session, and the reference data the form needs.

import { SessionRequestSchema } from '@shared/api/contract';
import { HOUSEHOLD_FORM } from '@shared/survey/form';
import { Hono } from 'hono';
import { problem } from '../../errors';
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

export function roundRoutes({ repo }: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => c.json({ rounds: await repo.reference.listRounds() }));
}

export function formRoutes() {
  return new Hono<AppEnv>().get('/:formId', (c) => {
    if (c.req.param('formId') !== HOUSEHOLD_FORM.id) throw problem.notFound();
    return c.json(HOUSEHOLD_FORM);
  });
}
