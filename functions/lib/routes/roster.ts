// /api/roster: admins import a ward roster (CSV) with a dry-run preview; collectors of the ward (and admins)
// read it when choosing a household. /api/coverage: households reached vs the roster, per village.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import type { AreaTree } from '../../../shared/areas/areas';
import { translateIssue } from '../../../shared/i18n/dictionary';
import { wardCoverage } from '../../../shared/roster/coverage';
import type { AppDeps, AppEnv } from '../app/context';
import { requireUser } from '../app/middleware';
import { parseOrThrow } from '../app/request';
import { assertVillageOfWard, canReadAggregatesOf, canWorkInWard } from '../app/scope';
import { ForbiddenError, PayloadTooLargeError, ValidationError } from '../errors';
import { importRoster } from '../roster/import-roster';

/**
 * A roster upload may be far larger than the API's 64 KB body limit (a town of 15,000 households is ~1.5 MB
 * of CSV). 5 MB stays under Lambda's 6 MB synchronous payload limit; create-app exempts this route.
 */
export const ROSTER_IMPORT_PATH = '/api/roster/import';
export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;

const ImportQuerySchema = z.strictObject({ dryRun: z.optional(z.enum(['true', 'false'])) });
const RosterQuerySchema = z.strictObject({ wardCode: z.string().check(z.minLength(1)), villageCode: z.optional(z.string().check(z.minLength(1))) });
const CoverageQuerySchema = z.strictObject({ roundId: z.string().check(z.minLength(1)), wardCode: z.string().check(z.minLength(1)) });

type Deps = AppDeps & { areaTree: () => Promise<AreaTree> };

export function rosterRoutes({ repo, identity, clock, areaTree }: Deps) {
  return new Hono<AppEnv>()
    .post(
      '/import',
      requireUser(identity, 'admin'),
      bodyLimit({ maxSize: ROSTER_MAX_BYTES, onError: () => { throw new PayloadTooLargeError(ROSTER_MAX_BYTES); } }),
      async (c) => {
        const { dryRun } = parseOrThrow(ImportQuerySchema, c.req.query(), c);
        const result = await importRoster({
          repo, tree: await areaTree(), csv: await c.req.text(), dryRun: dryRun === 'true',
          username: c.get('user').username, now: clock(),
        });
        const errors = result.errors.map((issue) => ({ line: issue.line, ...translateIssue(c.get('lang'), issue) }));
        return c.json({ ...result, errors }, result.dryRun ? 200 : 201);
      },
    )
    .get('/wards', requireUser(identity, 'admin'), async (c) => c.json({ wards: await repo.roster.listWardRosters() }))
    .get('/', requireUser(identity, 'collector', 'admin'), async (c) => {
      const { wardCode, villageCode } = parseOrThrow(RosterQuerySchema, c.req.query(), c);
      assertVillageOfWard(await areaTree(), c.get('user'), wardCode, villageCode);
      const pointer = await repo.roster.getWardRoster(wardCode);
      const entries = pointer ? await repo.roster.listEntries(pointer, villageCode) : [];
      return c.json({ wardCode, villageCode: villageCode ?? null, importedAt: pointer?.importedAt ?? null, entries });
    });
}

async function liveResponsesOfWard(repo: Deps['repo'], roundId: string, wardCode: string) {
  const live = [];
  for await (const item of repo.responses.listAllInWard(roundId, wardCode)) {
    if (!item.deletedAt) live.push({ id: item.id, villageCode: item.villageCode, householdCode: item.householdCode });
  }
  return live;
}

export function coverageRoutes({ repo, identity, areaTree }: Deps) {
  return new Hono<AppEnv>().get('/coverage', requireUser(identity), async (c) => {
    const { roundId, wardCode } = parseOrThrow(CoverageQuerySchema, c.req.query(), c);
    if (!(await repo.reference.getRound(roundId))) throw new ValidationError([{ path: 'roundId', key: 'validation.unknown_round' }]);
    const tree = await areaTree();
    if (tree.get(wardCode)?.level !== 'ward') throw new ValidationError([{ path: 'wardCode', key: 'validation.unknown_ward' }]);
    const user = c.get('user');
    if (!canReadAggregatesOf(user, wardCode, tree) && !canWorkInWard(user, wardCode, tree)) throw new ForbiddenError([{ path: 'wardCode', key: 'error.forbidden' }]);
    // One pointer read: the counts and the codes come from the same import, even while another is published.
    const pointer = await repo.roster.getWardRoster(wardCode);
    const [entries, live] = await Promise.all([pointer ? repo.roster.listEntries(pointer) : [], liveResponsesOfWard(repo, roundId, wardCode)]);
    const roster = pointer ? { pointer, codes: new Set(entries.map((e) => e.householdCode)) } : undefined;
    return c.json(wardCoverage(roundId, wardCode, tree, live, roster));
  });
}
