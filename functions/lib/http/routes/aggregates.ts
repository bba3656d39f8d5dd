// /api/aggregates(.csv|.xlsx): officials (and admins) read the indicator figures of their areas.

import { AGGREGATE_LEVELS, type AggregateLevel, AggregateLevelSchema } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { compareAggregates } from '@shared/indicators/compare';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { problem } from '../../errors';
import { aggregatesOnAreaSet, withComparedNotes } from '../../services/results/rebased-aggregates';
import { cachedVillageTallies } from '../../services/results/village-tallies';
import { requireRound } from '../../services/rounds/require-round';
import type { PublishedDefinitions } from '../../services/surveys/published-definitions';
import type { AppContext, AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow } from '../request';

const AggregatesQuerySchema = z.strictObject({
  roundId: codeId(64),
  level: z._default(AggregateLevelSchema, 'ward'),
  /** Another area set to show the figures on (re-based through the mapping); absent: the round's own. */
  areaSet: z.optional(codeId(64)),
});

/** The workbook holds every level the caller may read unless `level` picks one. */
const WorkbookQuerySchema = z.strictObject({
  roundId: codeId(64),
  level: z.optional(AggregateLevelSchema),
  /** Another area set to show the figures on (re-based through the mapping); absent: the round's own. */
  areaSet: z.optional(codeId(64)),
});

const CompareQuerySchema = z.strictObject({
  roundId: codeId(64),
  baseRoundId: codeId(64),
  level: z._default(AggregateLevelSchema, 'ward'),
  /** Another area set to show the figures on (re-based through the mapping); absent: the round's own. */
  areaSet: z.optional(codeId(64)),
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function aggregateRoutes(deps: AppDeps & { areaTree: (areaSetId?: string) => Promise<AreaTree>; definitions: PublishedDefinitions }) {
  const { repo, identity, areaTree, definitions, clock } = deps;
  const figures = {
    aggregates: repo.aggregates,
    roster: repo.roster,
    reference: repo.reference,
    countings: repo.countings,
    areaSets: repo.areaSets,
    responses: repo.responses,
    definitions,
    areaTree,
    // A polling results page re-based onto another set does not recount split wards' villages on every poll.
    villageTallyCache: cachedVillageTallies(clock),
  };

  const loadLevels = (c: AppContext, roundId: string, levels: readonly AggregateLevel[], areaSet?: string) =>
    aggregatesOnAreaSet(c.get('user'), roundId, levels, areaSet, c.get('lang'), figures);

  const load = async (c: AppContext) => {
    const { roundId, level, areaSet } = parseOrThrow(AggregatesQuerySchema, c.req.query());
    await requireRound(repo.reference, roundId);
    const [aggregates] = await loadLevels(c, roundId, [level], areaSet);
    if (!aggregates) throw problem.forbidden('level');
    return aggregates;
  };

  // Mounted at /api, so the login check goes on each route, not on everything under /api.
  const officials = requireUser(identity, 'official', 'admin');
  return new Hono<AppEnv>()
    .get('/aggregates', officials, async (c) => c.json(await load(c)))
    .get('/aggregates/compare', officials, async (c) => {
      const { roundId, baseRoundId, level, areaSet } = parseOrThrow(CompareQuerySchema, c.req.query());
      await requireRound(repo.reference, baseRoundId, 'baseRoundId');
      await requireRound(repo.reference, roundId);
      const [[current], [base]] = await Promise.all([loadLevels(c, roundId, [level], areaSet), loadLevels(c, baseRoundId, [level], areaSet)]);
      if (!current || !base) throw problem.forbidden('level');
      return c.json(withComparedNotes(compareAggregates(current, base), current, base));
    })
    .get('/aggregates.csv', officials, async (c) => {
      const { roundId, level, areaSet } = parseOrThrow(AggregatesQuerySchema, c.req.query());
      await requireRound(repo.reference, roundId);
      // The level asked for, then the totals above it that the caller may read (town, province).
      const levels = await loadLevels(c, roundId, AGGREGATE_LEVELS.slice(AGGREGATE_LEVELS.indexOf(level)), areaSet);
      if (levels[0]?.level !== level) throw problem.forbidden('level');
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="phieu-${roundId}-${level}.csv"`);
      // csv-stringify serves this download only: loaded on its first use, like the XLSX writer below.
      const { aggregatesCsv } = await import('../../services/results/aggregates-csv');
      return c.body(aggregatesCsv(levels, c.get('lang')));
    })
    .get('/aggregates.xlsx', officials, async (c) => {
      const { roundId, level, areaSet } = parseOrThrow(WorkbookQuerySchema, c.req.query());
      await requireRound(repo.reference, roundId);
      const levels = await loadLevels(c, roundId, level ? [level] : AGGREGATE_LEVELS, areaSet);
      if (levels.length === 0) throw problem.forbidden('level');
      // The XLSX writer is loaded with the first workbook asked for, not at every cold start.
      const { aggregatesXlsx } = await import('../../services/results/aggregates-xlsx');
      const workbook = await aggregatesXlsx(levels, c.get('lang'));
      c.header('Content-Type', XLSX_TYPE);
      c.header('Content-Disposition', `attachment; filename="phieu-${roundId}-${level ?? 'all'}.xlsx"`);
      return c.body(new Uint8Array(workbook));
    });
}
