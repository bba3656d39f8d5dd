// /api/admin: operations for administrators only. POST /recompute rebuilds a round's aggregates from
// the responses, reports the drift it found and what it repaired (see services/results/recompute.ts).

import type { AreaTree } from '@shared/areas/areas';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { problem } from '../../errors';
import { recomputeLiveCounts } from '../../services/indicators/recompute-live';
import { requireRound } from '../../services/rounds/require-round';
import type { PublishedDefinitions } from '../../services/surveys/published-definitions';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

const USERNAME = /^[\p{L}\p{N}._@+-]{1,128}$/u;

/** /api/users/{username}/sign-out: ends every session of a user (they left, or their areas changed). */
export function userRoutes({ identity, endSessions }: AppDeps & { endSessions: (username: string) => Promise<void> }) {
  return new Hono<AppEnv>().use(requireUser(identity, 'admin')).post('/:username/sign-out', async (c) => {
    const username = c.req.param('username');
    if (!USERNAME.test(username)) throw problem.invalidField('username', 'validation.invalid_format');
    await endSessions(username);
    return c.body(null, 204);
  });
}

const RecomputeRequestSchema = z.strictObject({ roundId: codeId(64) });

export function adminRoutes(deps: AppDeps & { areaTree: () => Promise<AreaTree>; definitions: PublishedDefinitions }) {
  const { repo, identity, clock, areaTree, aggregateSlots, definitions } = deps;
  return new Hono<AppEnv>().use(requireUser(identity, 'admin')).post('/recompute', async (c) => {
    const { roundId } = parseOrThrow(RecomputeRequestSchema, await readJson(c));
    await requireRound(repo.reference, roundId);
    const report = await recomputeLiveCounts(roundId, {
      responses: repo.responses,
      aggregates: repo.aggregates,
      countings: repo.countings,
      definitions,
      areaTree,
      slots: aggregateSlots,
      clock,
    });
    return c.json(report);
  });
}
