// /api/roster: admins import a ward roster (CSV) with a dry-run preview; collectors of the ward (and admins)
// read it when choosing a household. Rosters are kept per area set: each call names one (`areaSet`, or a round
// whose set it reads), else the set of the round open now, else the installation's. /api/coverage: households
// reached vs the roster, per village.

import { translateIssue } from '@shared/i18n/dictionary';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { assertVillageOfWard } from '../../access/scope';
import { problem } from '../../errors';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { importRoster } from '../../services/roster/import-roster';
import { rosterSetOfRequest } from '../../services/roster/roster-set';
import { coverageOfWard } from '../../services/roster/ward-coverage';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow } from '../request';

/**
 * A roster upload may be far larger than the API's 64 KB body limit (a town of 15,000 households is ~1.5 MB
 * of CSV). 5 MB stays under Lambda's 6 MB synchronous payload limit; create-app exempts this route.
 */
export const ROSTER_IMPORT_PATH = '/api/roster/import';
export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;

const ImportQuerySchema = z.strictObject({ dryRun: z.optional(z.enum(['true', 'false'])), areaSet: z.optional(codeId(64)) });
const WardsQuerySchema = z.strictObject({ areaSet: z.optional(codeId(64)), roundId: z.optional(codeId(64)) });
const RosterQuerySchema = z.strictObject({
  wardCode: codeId(32),
  villageCode: z.optional(codeId(64)),
  areaSet: z.optional(codeId(64)),
  roundId: z.optional(codeId(64)),
});
const CoverageQuerySchema = z.strictObject({ roundId: codeId(64), wardCode: codeId(32) });

type Deps = AppDeps & { areaTree: AreaTreeOf };

export function rosterRoutes({ repo, identity, clock, areaTree }: Deps) {
  const setOf = (query: { areaSet?: string; roundId?: string }) => rosterSetOfRequest(query, clock(), repo);
  return new Hono<AppEnv>()
    .post(
      '/import',
      requireUser(identity, 'admin'),
      bodyLimit({
        maxSize: ROSTER_MAX_BYTES,
        onError: () => {
          throw problem.payloadTooLarge(ROSTER_MAX_BYTES);
        },
      }),
      async (c) => {
        const { dryRun, areaSet } = parseOrThrow(ImportQuerySchema, c.req.query());
        const areaSetId = await setOf({ areaSet });
        const result = await importRoster({
          repo,
          areaSetId,
          tree: await areaTree(areaSetId),
          csv: await c.req.text(),
          dryRun: dryRun === 'true',
          username: c.get('user').username,
          now: clock(),
        });
        const errors = result.errors.map((issue) => ({ line: issue.line, ...translateIssue(c.get('lang'), issue) }));
        return c.json({ ...result, errors }, result.dryRun ? 200 : 201);
      },
    )
    .get('/wards', requireUser(identity, 'admin'), async (c) => {
      const areaSetId = await setOf(parseOrThrow(WardsQuerySchema, c.req.query()));
      return c.json({ areaSetId, wards: await repo.roster.listWardRosters(areaSetId) });
    })
    .get('/', requireUser(identity, 'collector', 'admin'), async (c) => {
      const { wardCode, villageCode, ...set } = parseOrThrow(RosterQuerySchema, c.req.query());
      const areaSetId = await setOf(set);
      assertVillageOfWard(await areaTree(areaSetId), c.get('user'), wardCode, villageCode);
      const pointer = await repo.roster.getWardRoster(wardCode, areaSetId);
      const entries = pointer ? await repo.roster.listEntries(pointer, villageCode) : [];
      return c.json({ wardCode, villageCode: villageCode ?? null, areaSetId, importedAt: pointer?.importedAt ?? null, entries });
    });
}

export function coverageRoutes({ repo, identity, areaTree }: Deps) {
  return new Hono<AppEnv>().get('/coverage', requireUser(identity), async (c) => {
    const { roundId, wardCode } = parseOrThrow(CoverageQuerySchema, c.req.query());
    return c.json(
      await coverageOfWard(c.get('user'), roundId, wardCode, { reference: repo.reference, responses: repo.responses, roster: repo.roster, areaTree }),
    );
  });
}
