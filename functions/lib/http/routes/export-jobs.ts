// POST /api/exports and GET /api/exports/{id}: exports of any size as background jobs into object storage
// (admins: raw responses; officials and admins: aggregates of their areas). The small-area stream stays in
// routes/exports.ts.
import { ExportJobRequestSchema } from '@shared/api/exports';
import { Hono } from 'hono';
import type { IdentityProvider } from '../../auth/identity';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { type ExportJobDeps, type ExportJobViewDeps, startExportJob, viewExportJob } from '../../services/exports/export-jobs';
import type { PublishedDefinitions } from '../../services/surveys/published-definitions';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

export function exportJobRoutes(deps: AppDeps & { areaTree: AreaTreeOf; definitions: PublishedDefinitions }, jobs: Pick<ExportJobDeps, 'files' | 'dispatch'>) {
  const { repo, identity, areaTree, clock, definitions } = deps;
  const serviceDeps: ExportJobDeps = {
    exportJobs: repo.exportJobs,
    aggregates: repo.aggregates,
    roster: repo.roster,
    reference: repo.reference,
    countings: repo.countings,
    areaSets: repo.areaSets,
    definitions,
    areaTree,
    clock,
    ...jobs,
  };
  const allowed = requireUser(identity, 'admin', 'official');
  return new Hono<AppEnv>()
    .post('/', allowed, async (c) => {
      const request = parseOrThrow(ExportJobRequestSchema, await readJson(c));
      const job = await startExportJob(c.get('user'), request, c.get('lang'), serviceDeps);
      c.header('Location', `/api/exports/${job.id}`);
      return c.json({ id: job.id, status: job.status }, 202);
    })
    .route('/', exportJobStatusRoutes({ identity, ...serviceDeps }));
}

/**
 * GET /api/exports/{id} alone: in AWS CloudFront sends /api/exports/* to the export function, so that function
 * answers it too (with a read grant on the job records and the bucket).
 */
export function exportJobStatusRoutes(deps: ExportJobViewDeps & { identity: IdentityProvider }) {
  return new Hono<AppEnv>().get('/:id{[0-9a-f]{32}}', requireUser(deps.identity, 'admin', 'official'), async (c) =>
    c.json(await viewExportJob(c.get('user'), c.req.param('id'), deps)),
  );
}
