// /api/admin: operations for administrators only. POST /recompute rebuilds a round's aggregates from
// the responses, reports the drift it found and what it repaired (see services/results/recompute.ts).

import type { AreaTree } from '@shared/areas/areas';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { recomputeLiveCounts } from '../../services/indicators/recompute-live';
import { requireRound } from '../../services/rounds/require-round';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

const RecomputeRequestSchema = z.strictObject({ roundId: codeId(64) });

export function adminRoutes(deps: AppDeps & { areaTree: (areaSetId?: string) => Promise<AreaTree> }) {
  const { repo, identity, clock, areaTree, aggregateSlots } = deps;
  return new Hono<AppEnv>().use(requireUser(identity, 'admin')).post('/recompute', async (c) => {
    const { roundId } = parseOrThrow(RecomputeRequestSchema, await readJson(c));
    await requireRound(repo.reference, roundId);
    const report = await recomputeLiveCounts(roundId, {
      responses: repo.responses,
      aggregates: repo.aggregates,
      countings: repo.countings,
      reference: repo.reference,
      areaTree,
      slots: aggregateSlots,
      clock,
    });
    return c.json(report);
  });
}
