// The HTTP API as one Hono app. Lambda, the local server and the tests all build it here with their own deps.
// Registers the officials' messages (results, exports, rosters) with the dictionary.
import '../../../shared/i18n/officials';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { translate } from '../../../shared/i18n/dictionary';
import { PayloadTooLargeError } from '../errors';
import { adminRoutes } from '../routes/admin';
import { aggregateRoutes } from '../routes/aggregates';
import { areaRoutes, formRoutes, healthRoutes, roundRoutes, sessionRoutes } from '../routes/public';
import { responseRoutes } from '../routes/responses';
import { exportRoutes } from '../routes/exports';
import { coverageRoutes, ROSTER_IMPORT_PATH, rosterRoutes } from '../routes/roster';
import { generatedLinkKey } from '../links/link-secret';
import { linkRoutes } from '../routes/links';
import { selfRoutes } from '../routes/self';
import type { AppDeps, AppEnv } from './context';
import { detectLanguage, errorHandler } from './middleware';
import { cachedAreaTree } from './scope';

export const MAX_BODY_BYTES = 64 * 1024;

export interface CreateAppOptions {
  log?: (message: string, details: Record<string, unknown>) => void;
  /**
   * Also serve the raw export (/api/exports): for the local server and tests, where this app answers every
   * /api/* path. Not in AWS: there CloudFront sends /api/exports/* to the streaming export function
   * (create-export-app.ts), and behind API Gateway this app would buffer the export and fail past 6 MB / 30 s.
   */
  serveExports?: boolean;
}

export function createApp(deps: AppDeps, { log = logJson, serveExports = false }: CreateAppOptions = {}) {
  const areaTree = cachedAreaTree(deps.repo.reference, deps.clock);
  const withTree = { ...deps, areaTree };
  const app = new Hono<AppEnv>();
  app.use('/api/*', detectLanguage);
  const defaultBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new PayloadTooLargeError(MAX_BODY_BYTES); } });
  // The roster import sets its own, larger limit.
  app.use('/api/*', (c, next) => (c.req.path === ROSTER_IMPORT_PATH ? next() : defaultBodyLimit(c, next)));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
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
  if (serveExports) app.route('/api/exports', exportRoutes(withTree, log));
  // Self-report links: made by collectors, answered by households through /api/self with no account.
  const withLinks = { ...withTree, linkKey: deps.linkKey ?? generatedLinkKey() };
  app.route('/api/links', linkRoutes(withLinks));
  app.route('/api/self', selfRoutes(withLinks));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: translate(c.get('lang') ?? 'vi', 'error.not_found') } }, 404));
  app.onError(errorHandler(log));
  return app;
}

export type PhieuApp = ReturnType<typeof createApp>;

function logJson(message: string, details: Record<string, unknown>) {
  console.error(JSON.stringify({ level: 'error', message, ...details }));
}
