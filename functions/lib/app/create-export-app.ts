// The app of the streaming export function: only /api/exports, with the same language detection, login check
// and error mapping as the API. Its function URL is public, so it serves nothing else (and it holds only read
// grants, no link secret).
import { Hono } from 'hono';
import { CORE_MESSAGES } from '../../../shared/i18n/core-messages';
import { registerMessages, translate } from '../../../shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '../../../shared/i18n/officials';
import { exportRoutes } from '../routes/exports';
import type { AppDeps, AppEnv } from './context';
import { detectLanguage, errorHandler } from './middleware';
import { cachedAreaTree } from './scope';

export function createExportApp(deps: AppDeps, { log = logJson }: { log?: (message: string, details: Record<string, unknown>) => void } = {}) {
  // Errors and the export's headers (officials' messages).
  for (const messages of [CORE_MESSAGES, OFFICIALS_MESSAGES]) registerMessages(messages);
  const areaTree = cachedAreaTree(deps.repo.reference, deps.clock);
  const app = new Hono<AppEnv>();
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
