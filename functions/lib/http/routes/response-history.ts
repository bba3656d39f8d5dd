// GET /api/responses/{id}/history: one response's changes, for its collector and the officials who review it;
// GET /api/responses/history.csv?roundId=: a round's whole history, for admins.
// Mounted before the responses routes (which admit collectors and admins only), so officials reach it too.

import { Readable } from 'node:stream';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { historyCsvStream } from '../../services/history/history-csv';
import { readHistory } from '../../services/history/read-history';
import { requireRound } from '../../services/rounds/require-round';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, responseId } from '../request';

const ExportQuerySchema = z.strictObject({ roundId: codeId(64) });

export function responseHistoryRoutes({ repo, identity, areaTree }: AppDeps & { areaTree: AreaTreeOf }) {
  return (
    new Hono<AppEnv>()
      // Admins take a round's whole history away (served by the API: the export function holds no Aggregates grant).
      .get('/history.csv', requireUser(identity, 'admin'), async (c) => {
        const { roundId } = parseOrThrow(ExportQuerySchema, c.req.query());
        // The round's wards are those of the set it pins.
        const tree = await areaTree((await requireRound(repo.reference, roundId)).areaSetId);
        const csv = historyCsvStream({
          responses: repo.responses,
          history: repo.history,
          roundId,
          wardCodes: tree.ofLevel('ward').map((ward) => ward.code),
        });
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="phieu-history-${roundId}.csv"`);
        return c.body(Readable.toWeb(csv) as ReadableStream<Uint8Array>);
      })
      .get('/:id/history', requireUser(identity, 'collector', 'official', 'admin'), async (c) => {
        const history = await readHistory(responseId(c), c.get('user'), { ...repo, areaTree });
        return c.json({ history });
      })
  );
}
