// The app of the streaming export function: only /api/exports, with the same language detection, login check
// and error mapping as the API. Its function URL is public, so it serves nothing else (and it holds only read
// grants, no link secret).

import { AREA_SETS_MESSAGES } from '@shared/i18n/area-sets';
import { CORE_MESSAGES } from '@shared/i18n/core-messages';
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { Hono } from 'hono';
import type { IdentityProvider } from '../auth/identity';
import { withSessionCutoff } from '../auth/session-cutoff';
import type { AppEnv } from '../http/context';
import { detectLanguage, noStore } from '../http/middleware';
import { errorHandler, notFound } from '../http/on-error';
import { exportJobStatusRoutes } from '../http/routes/export-jobs';
import { type ExportRouteDeps, exportRoutes } from '../http/routes/exports';
import { viewerAuthorization } from '../http/viewer-authorization';
import { type Log, logError } from '../logger';
import type { AreaSetsRepo, ExportJobsRepo, SessionsRepo, SurveysRepo } from '../repo/types';
import { cachedAreaTree } from '../services/areas/area-tree';
import { withCachedRounds } from '../services/rounds/cached-rounds';
import { publishedDefinitions } from '../services/surveys/published-definitions';
import type { ExportFiles } from '../storage/export-files';

/** What the export function reads: responses, reference data (rounds, areas, questionnaires), and who signs in. */
export interface ExportAppDeps {
  repo: Pick<ExportRouteDeps, 'responses' | 'reference'>;
  /** The stored area sets rounds pin (in the Reference table too); absent, every round reads the installation's. */
  areaSets?: Pick<AreaSetsRepo, 'listUnits' | 'get' | 'getMapping'>;
  /** Questionnaire versions (in the Reference table too); absent: only the built-in household-dx v1. */
  surveys?: Pick<SurveysRepo, 'get' | 'listVersions'>;
  /** Job records and the exports bucket, for GET /api/exports/{id} (CloudFront sends it here in AWS). */
  jobs?: { exportJobs: ExportJobsRepo; files: ExportFiles };
  identity: IdentityProvider;
  /** Session cut-offs (in the Reference table): an admin's sign-out or user change holds here too. */
  sessions?: SessionsRepo;
  clock: () => Date;
}

const NO_SURVEYS: Pick<SurveysRepo, 'get' | 'listVersions'> = { get: async () => undefined, listVersions: async () => [] };

export function createExportApp(
  { repo, areaSets, identity: given, sessions, clock, surveys = NO_SURVEYS, jobs }: ExportAppDeps,
  { log = logError }: { log?: Log } = {},
) {
  // Errors and the export's headers (officials' messages).
  for (const messages of [CORE_MESSAGES, OFFICIALS_MESSAGES, AREA_SETS_MESSAGES]) registerMessages(messages);
  const identity = sessions ? withSessionCutoff(given, sessions).identity : given;
  const reference = withCachedRounds(repo.reference, clock);
  const areaTree = cachedAreaTree(reference, clock, undefined, areaSets);
  const app = new Hono<AppEnv>();
  // Behind origin access control, CloudFront's signature takes the Authorization header (see the middleware).
  app.use('/api/*', viewerAuthorization);
  app.use('/api/*', detectLanguage);
  app.use('/api/*', noStore);
  const definitions = publishedDefinitions(surveys);
  if (jobs) app.route('/api/exports', exportJobStatusRoutes({ ...jobs, reference, areaSets, areaTree, clock, identity }));
  app.route('/api/exports', exportRoutes({ responses: repo.responses, reference, identity, areaTree, definitions }, log));
  app.notFound(notFound);
  app.onError(errorHandler(log));
  return app;
}
