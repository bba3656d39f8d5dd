// The HTTP API as one Hono app. Lambda, the local server and the tests all build it here with their own deps.

import { CORE_MESSAGES } from '@shared/i18n/core-messages';
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { SELF_REPORT_MESSAGES } from '@shared/i18n/self-report';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from '../errors';
import type { AppDeps, AppEnv } from '../http/context';
import { detectLanguage, noStore } from '../http/middleware';
import { errorHandler, notFound } from '../http/on-error';
import { adminRoutes } from '../http/routes/admin';
import { aggregateRoutes } from '../http/routes/aggregates';
import { exportJobRoutes } from '../http/routes/export-jobs';
import { exportRoutes } from '../http/routes/exports';
import { linkRoutes } from '../http/routes/links';
import { areaRoutes, formRoutes, healthRoutes, roundRoutes, sessionRoutes } from '../http/routes/public';
import { responseRoutes } from '../http/routes/responses';
import { coverageRoutes, ROSTER_IMPORT_PATH, rosterRoutes } from '../http/routes/roster';
import { selfRoutes } from '../http/routes/self';
import { type Log, logError } from '../logger';
import { cachedAreaTree } from '../services/areas/area-tree';
import { generatedLinkKey } from '../services/links/link-secret';

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

export function createApp(deps: AppDeps, { log = logError, serveExports = false }: CreateAppOptions = {}) {
  // The API speaks every message: results, exports and rosters (officials) and the links' errors (self-report).
  for (const messages of [CORE_MESSAGES, OFFICIALS_MESSAGES, SELF_REPORT_MESSAGES]) registerMessages(messages);
  const areaTree = cachedAreaTree(deps.repo.reference, deps.clock);
  const withTree = { ...deps, areaTree };
  const app = new Hono<AppEnv>();
  app.use('/api/*', detectLanguage);
  const defaultBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw problem.payloadTooLarge(MAX_BODY_BYTES);
    },
  });
  // The roster import sets its own, larger limit.
  app.use('/api/*', (c, next) => (c.req.path === ROSTER_IMPORT_PATH ? next() : defaultBodyLimit(c, next)));
  app.use('/api/*', noStore);
  app.route('/api/health', healthRoutes());
  app.route('/api/session', sessionRoutes(deps));
  app.route('/api/areas', areaRoutes(deps));
  app.route('/api/rounds', roundRoutes(deps));
  app.route('/api/forms', formRoutes());
  app.route('/api/responses', responseRoutes(withTree));
  app.route('/api', aggregateRoutes(withTree));
  app.route('/api/admin', adminRoutes(withTree));
  app.route('/api/roster', rosterRoutes(withTree));
  app.route('/api', coverageRoutes(withTree));
  if (deps.exportJobs) app.route('/api/exports', exportJobRoutes(withTree, deps.exportJobs));
  if (serveExports)
    app.route('/api/exports', exportRoutes({ responses: deps.repo.responses, reference: deps.repo.reference, identity: deps.identity, areaTree }, log));
  // Self-report links: made by collectors, answered by households through /api/self with no account.
  const withLinks = { ...withTree, linkKey: deps.linkKey ?? generatedLinkKey() };
  app.route('/api/links', linkRoutes(withLinks));
  app.route('/api/self', selfRoutes(withLinks));
  app.notFound(notFound);
  app.onError(errorHandler(log));
  return app;
}

export type PhieuApp = ReturnType<typeof createApp>;
