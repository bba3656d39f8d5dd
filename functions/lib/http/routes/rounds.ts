// /api/rounds: everyone reads the rounds (the form needs them before sign-in); admins create and change them.

import type { AreaTree } from '@shared/areas/areas';
import { CreateRoundRequestSchema, UpdateRoundRequestSchema } from '@shared/rounds/round-requests';
import { Hono } from 'hono';
import { createRound, listRounds, updateRound } from '../../services/rounds/rounds-service';
import type { PublishedDefinitions } from '../../services/surveys/published-definitions';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

type Deps = AppDeps & { definitions: PublishedDefinitions; areaTree: () => Promise<AreaTree> };

export function roundRoutes({ repo, identity, clock, definitions, areaTree }: Deps) {
  const deps = { reference: repo.reference, responses: repo.responses, definitions, areaTree, clock };
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json({ rounds: await listRounds(deps) }))
    .post('/', requireUser(identity, 'admin'), async (c) => c.json(await createRound(parseOrThrow(CreateRoundRequestSchema, await readJson(c)), deps), 201))
    .patch('/:id', requireUser(identity, 'admin'), async (c) =>
      c.json(await updateRound(c.req.param('id'), parseOrThrow(UpdateRoundRequestSchema, await readJson(c)), deps)),
    );
}
