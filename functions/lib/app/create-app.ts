// The HTTP API as one Hono app. Lambda, the local server and the tests all build it here with their own deps.

import { AREA_SETS_MESSAGES } from '@shared/i18n/area-sets';
import { CORE_MESSAGES } from '@shared/i18n/core-messages';
import { type Messages, registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { SELF_REPORT_MESSAGES } from '@shared/i18n/self-report';
import { QUESTIONNAIRE_MESSAGES } from '@shared/questionnaire/messages';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { withSessionCutoff } from '../auth/session-cutoff';
import { problem } from '../errors';
import type { AppDeps, AppEnv } from '../http/context';
import { detectLanguage, noStore, securityHeaders } from '../http/middleware';
import { errorHandler, notFound } from '../http/on-error';
import { originGuard } from '../http/origin-guard';
import { adminRoutes } from '../http/routes/admin';
import { aggregateRoutes } from '../http/routes/aggregates';
import { AREA_SET_IMPORT_PATH, areaSetRoutes } from '../http/routes/area-sets';
import { duplicateRoutes } from '../http/routes/duplicates';
import { exportJobRoutes } from '../http/routes/export-jobs';
import { exportRoutes } from '../http/routes/exports';
import { linkRoutes } from '../http/routes/links';
import { areaRoutes, healthRoutes } from '../http/routes/public';
import { responseHistoryRoutes } from '../http/routes/response-history';
import { responseRoutes } from '../http/routes/responses';
import { reviewRoutes } from '../http/routes/review';
import { coverageRoutes, ROSTER_IMPORT_PATH, rosterRoutes } from '../http/routes/roster';
import { roundRoutes } from '../http/routes/rounds';
import { selfRoutes } from '../http/routes/self';
import { sessionRoutes } from '../http/routes/session';
import { formRoutes, SURVEYS_UPLOAD_PATH, surveyRoutes } from '../http/routes/surveys';
import { userRoutes } from '../http/routes/users';
import { type Log, logError } from '../logger';
import { cachedAreaTree } from '../services/areas/area-tree';
import { withCachedMappings } from '../services/areas/cached-mappings';
import { withCachedCountings } from '../services/indicators/cached-countings';
import { inProcessRecompute } from '../services/indicators/in-process-recompute';
import { generatedLinkKey } from '../services/links/link-secret';
import { withCachedWardRosters } from '../services/roster/cached-ward-rosters';
import { withCachedRounds } from '../services/rounds/cached-rounds';
import { publishedDefinitions } from '../services/surveys/published-definitions';

export const MAX_BODY_BYTES = 64 * 1024;

export interface CreateAppOptions {
  log?: Log;
  /**
   * Also serve the raw export (/api/exports): for the local server and tests, where this app answers every
   * /api/* path. Not in AWS: there CloudFront sends /api/exports/* to the streaming export function
   * (create-export-app.ts), and behind API Gateway this app would buffer the export and fail past 6 MB / 30 s.
   */
  serveExports?: boolean;
}

export function createApp(given: AppDeps, { log = logError, serveExports = false }: CreateAppOptions = {}) {
  // The API speaks every message: results, exports and rosters (officials), the links' errors (self-report) and
  // the questionnaire engine's (answers, definitions, XLSForm rows).
  for (const messages of [CORE_MESSAGES, OFFICIALS_MESSAGES, SELF_REPORT_MESSAGES, QUESTIONNAIRE_MESSAGES, AREA_SETS_MESSAGES])
    registerMessages(messages as Messages);
  // Every route verifies tokens through the session cut-off: an admin's sign-out holds from then on.
  const cutoff = withSessionCutoff(given.identity, given.repo.sessions);
  const deps: AppDeps = { ...given, identity: cutoff.identity };
  // Rounds, areas and roster totals change rarely and most requests read them: short in-process caches.
  const repo = {
    ...deps.repo,
    reference: withCachedRounds(deps.repo.reference, deps.clock),
    // Roster totals are read by every aggregates request; an import here clears them.
    roster: withCachedWardRosters(deps.repo.roster, deps.clock),
    // Every officials' page polls its figures, which read the round's counting state.
    countings: withCachedCountings(deps.repo.countings, deps.clock),
    // Officials never moved read every round on a newer set through its mapping (written once, never changed).
    areaSets: withCachedMappings(deps.repo.areaSets),
  };
  const areaTree = cachedAreaTree(repo.reference, deps.clock, undefined, deps.repo.areaSets);
  const definitions = publishedDefinitions(deps.repo.surveys);
  // The link key also signs page cursors (under its own context: see http/signed-cursor.ts).
  const startRecompute = deps.startRecompute ?? inProcessRecompute({ ...deps.repo, areaTree, slots: deps.aggregateSlots, clock: deps.clock, log });
  const withTree = { ...deps, repo, areaTree, definitions, startRecompute, linkKey: deps.linkKey ?? generatedLinkKey() };
  const app = new Hono<AppEnv>();
  app.use('/api/*', securityHeaders);
  app.use('/api/*', detectLanguage);
  // In AWS only requests that came through CloudFront (and its WAF) reach the routes; no value configured: no guard.
  app.use('/api/*', originGuard([deps.originVerify, deps.originVerifyPrevious]));
  const defaultBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw problem.payloadTooLarge(MAX_BODY_BYTES);
    },
  });
  // The roster import, the questionnaire upload and the area-set import set their own, larger limits.
  const ownLimit = new Set([ROSTER_IMPORT_PATH, SURVEYS_UPLOAD_PATH, AREA_SET_IMPORT_PATH]);
  app.use('/api/*', (c, next) => (ownLimit.has(c.req.path) ? next() : defaultBodyLimit(c, next)));
  app.use('/api/*', noStore);
  app.route('/api/health', healthRoutes());
  app.route('/api/session', sessionRoutes(deps));
  app.route('/api/areas', areaRoutes(withTree));
  app.route('/api/area-sets', areaSetRoutes(withTree));
  app.route('/api/rounds', roundRoutes(withTree));
  app.route('/api/forms', formRoutes(withTree));
  app.route('/api/surveys', surveyRoutes(withTree));
  app.route('/api/responses', responseHistoryRoutes(withTree));
  app.route('/api/responses', responseRoutes(withTree));
  app.route('/api/review', reviewRoutes(withTree));
  app.route('/api/duplicates', duplicateRoutes(withTree));
  app.route('/api', aggregateRoutes(withTree));
  app.route('/api/admin', adminRoutes(withTree));
  app.route('/api/users', userRoutes({ ...withTree, endSessions: cutoff.endSessions }));
  app.route('/api/roster', rosterRoutes(withTree));
  app.route('/api', coverageRoutes(withTree));
  if (deps.exportJobs) app.route('/api/exports', exportJobRoutes(withTree, deps.exportJobs));
  if (serveExports)
    app.route('/api/exports', exportRoutes({ responses: repo.responses, reference: repo.reference, identity: deps.identity, areaTree, definitions }, log));
  // Self-report links: made by collectors, answered by households through /api/self with no account.
  app.route('/api/links', linkRoutes(withTree));
  app.route('/api/self', selfRoutes(withTree));
  app.notFound(notFound);
  app.onError(errorHandler(log));
  return app;
}

export type PhieuApp = ReturnType<typeof createApp>;
