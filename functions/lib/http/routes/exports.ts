// /api/exports: admins take every raw response of a round away as CSV, streamed.

import { Readable } from 'node:stream';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { IdentityProvider } from '../../auth/identity';
import type { Log } from '../../logger';
import type { ReferenceRepo, ResponsesRepo } from '../../repo/types';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { EXPORT_SHAPES } from '../../services/exports/response-rows';
import { responsesCsvStream } from '../../services/exports/responses-csv';
import { requireRound } from '../../services/rounds/require-round';
import { roundDefinition } from '../../services/rounds/round-definition';
import type { PublishedDefinitions } from '../../services/surveys/published-definitions';
import type { AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow } from '../request';

const ExportQuerySchema = z.strictObject({
  roundId: codeId(64),
  /** long (one row per member) unless asked otherwise: see docs/exports.md. */
  shape: z._default(z.enum(EXPORT_SHAPES), 'long'),
});

export interface ExportRouteDeps {
  responses: Pick<ResponsesRepo, 'listAllInWard'>;
  reference: Pick<ReferenceRepo, 'getRound' | 'listAreas'>;
  identity: IdentityProvider;
  areaTree: AreaTreeOf;
  definitions: PublishedDefinitions;
}

export function exportRoutes({ responses, reference, identity, areaTree, definitions }: ExportRouteDeps, log: Log) {
  return new Hono<AppEnv>().get('/responses.csv', requireUser(identity, 'admin'), async (c) => {
    const { roundId, shape } = parseOrThrow(ExportQuerySchema, c.req.query());
    const round = await requireRound(reference, roundId);
    // The round's wards and their names are those of the set it pins.
    const [definition, tree] = await Promise.all([roundDefinition(round, definitions), areaTree(round.areaSetId)]);
    const csv = responsesCsvStream({
      responses,
      tree,
      roundId,
      shape,
      definition,
      wardCodes: tree.ofLevel('ward').map((ward) => ward.code),
      onEnd: ({ rows, error }) =>
        error && log('responses export cut short', { roundId, shape, rows, error: error instanceof Error ? error.message : String(error) }),
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="phieu-responses-${roundId}-${shape}.csv"`);
    return c.body(Readable.toWeb(csv) as ReadableStream<Uint8Array>);
  });
}
