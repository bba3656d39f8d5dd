// /api/rounds: everyone reads the rounds (the form needs them before sign-in); admins create and change them.

import type { AreaTree } from '@shared/areas/areas';
import { CreateRoundRequestSchema, UpdateRoundRequestSchema } from '@shared/rounds/round-requests';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { getRoundIndicators, putRoundIndicators, type RecomputeJob } from '../../services/indicators/round-indicators';
import { createRound, listRounds, updateRound } from '../../services/rounds/rounds-service';
import type { PublishedDefinitions } from '../../services/surveys/published-definitions';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

type Deps = AppDeps & {
  definitions: PublishedDefinitions;
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
  startRecompute: (job: RecomputeJob) => Promise<void>;
};

export function roundRoutes({ repo, identity, clock, definitions, areaTree, startRecompute }: Deps) {
  const deps = {
    reference: repo.reference,
    areaSets: repo.areaSets,
    responses: repo.responses,
    countings: repo.countings,
    definitions,
    areaTree,
    clock,
    startRecompute,
  };
  return (
    new Hono<AppEnv>()
      .get('/', async (c) => c.json({ rounds: await listRounds(deps) }))
      .post('/', requireUser(identity, 'admin'), async (c) => c.json(await createRound(parseOrThrow(CreateRoundRequestSchema, await readJson(c)), deps), 201))
      .patch('/:id', requireUser(identity, 'admin'), async (c) =>
        c.json(await updateRound(c.req.param('id'), parseOrThrow(UpdateRoundRequestSchema, await readJson(c)), deps)),
      )
      .get('/:id/indicators', requireUser(identity), async (c) => c.json(await getRoundIndicators(roundIdOf(c.req.param('id')), deps)))
      // Any time, closed rounds too: figures follow the list (a changed definition is recomputed in the background).
      .put('/:id/indicators', requireUser(identity, 'admin'), async (c) =>
        c.json(await putRoundIndicators(roundIdOf(c.req.param('id')), await readJson(c), deps)),
      )
  );
}

const RoundIdSchema = z.strictObject({ id: codeId(64) });
const roundIdOf = (id: string) => parseOrThrow(RoundIdSchema, { id }).id;
