// The app of the streaming export function: only /api/exports, with the same language detection, login check
// and error mapping as the API. Its function URL is public, so it serves nothing else (and it holds only read
// grants, no link secret).
// Registers the officials' messages (results, exports, rosters) with the dictionary.
import '../../../shared/i18n/officials';
import { Hono } from 'hono';
import { translate } from '../../../shared/i18n/dictionary';
import { viewerAuthorization } from '../http/viewer-authorization';
import { exportRoutes } from '../routes/exports';
import type { AppDeps, AppEnv } from './context';
import { detectLanguage, errorHandler } from './middleware';
import { cachedAreaTree } from './scope';

export function createExportApp(deps: AppDeps, { log = logJson }: { log?: (message: string, details: Record<string, unknown>) => void } = {}) {
  const areaTree = cachedAreaTree(deps.repo.reference, deps.clock);
  const app = new Hono<AppEnv>();
  // Behind origin access control, CloudFront's signature takes the Authorization header (see the middleware).
  app.use('/api/*', viewerAuthorization);
  app.use('/api/*', detectLanguage);
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.route('/api/exports', exportRoutes({ ...deps, areaTree }, log));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: translate(c.get('lang') ?? 'vi', 'error.not_found') } }, 404));
  app.onError(errorHandler(log));
  return app;
}

function logJson(message: string, details: Record<string, unknown>) {
  console.error(JSON.stringify({ level: 'error', message, ...details }));
}
