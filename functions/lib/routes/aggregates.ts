// /api/aggregates(.csv): officials (and admins) read the indicator figures of their areas.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { AggregateLevelSchema } from '../../../shared/api/contract';
import type { AreaTree } from '../../../shared/areas/areas';
import { aggregatesCsv } from '../aggregation/aggregates-csv';
import { buildAggregates } from '../aggregation/read-aggregates';
import type { AppContext, AppDeps, AppEnv } from '../app/context';
import { requireUser } from '../app/middleware';
import { parseOrThrow } from '../app/request';
import { canReadAggregatesOf } from '../app/scope';
import { ForbiddenError, ValidationError } from '../errors';

const AggregatesQuerySchema = z.strictObject({
  roundId: z.string().check(z.minLength(1)),
  level: z._default(AggregateLevelSchema, 'ward'),
});

export function aggregateRoutes(deps: AppDeps & { areaTree: () => Promise<AreaTree> }) {
  const { repo, identity, areaTree } = deps;

  const load = async (c: AppContext) => {
    const { roundId, level } = parseOrThrow(AggregatesQuerySchema, c.req.query(), c);
    if (!(await repo.reference.getRound(roundId))) throw new ValidationError([{ path: 'roundId', key: 'validation.unknown_round' }]);
    const tree = await areaTree();
    const codes = tree.ofLevel(level).map((a) => a.code).filter((code) => canReadAggregatesOf(c.get('user'), code, tree));
    if (codes.length === 0) throw new ForbiddenError([{ path: 'level', key: 'error.forbidden' }]);
    return buildAggregates(roundId, level, codes, tree, await repo.aggregates.readRoundRows(roundId));
  };

  // Mounted at /api, so the login check goes on each route, not on everything under /api.
  const officials = requireUser(identity, 'official', 'admin');
  return new Hono<AppEnv>()
    .get('/aggregates', officials, async (c) => c.json(await load(c)))
    .get('/aggregates.csv', officials, async (c) => {
      const aggregates = await load(c);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="phieu-${aggregates.roundId}-${aggregates.level}.csv"`);
      return c.body(aggregatesCsv(aggregates, c.get('lang')));
    });
}
