// Cross-cutting middleware: language, authentication and role checks, the error mapping.
import type { ErrorHandler, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Role } from '../../../shared/api/contract';
import { langFromAcceptLanguage, translate, translateIssue } from '../../../shared/i18n/dictionary';
import { AppError, ForbiddenError, UnauthorizedError } from '../errors';
import type { AppDeps, AppEnv } from './context';

export const detectLanguage: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('lang', langFromAcceptLanguage(c.req.header('accept-language')));
  await next();
};

/** Verifies the bearer token on every call and, when roles are given, that the user has one of them. */
export function requireUser(identity: AppDeps['identity'], ...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError();
    const user = await identity.verify(match[1]);
    if (roles.length > 0 && !roles.includes(user.role)) throw new ForbiddenError();
    c.set('user', user);
    await next();
  };
}

/** Paths that carry a self-report link token (a credential) in their last segment: /api/self/{token}, /api/links/{token}. */
const TOKEN_PATH = /^(\/api\/(?:self|links)\/)[^/]+/;

/** The request path as it may be logged: a link token is replaced by `{token}`. */
export function loggablePath(path: string): string {
  return path.replace(TOKEN_PATH, '$1{token}');
}

export function errorHandler(log: (message: string, details: Record<string, unknown>) => void): ErrorHandler<AppEnv> {
  return (error, c) => {
    const lang = c.get('lang') ?? 'vi';
    if (error instanceof AppError) {
      const issues = error.issues.map((issue) => translateIssue(lang, issue));
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      const body = { error: { code: error.code, message: translate(lang, error.messageKey, error.params), ...(issues.length ? { issues } : {}), ...error.details } };
      return c.json(body, error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: { code: 'bad_request', message: translate(lang, 'error.bad_request') } }, error.status);
    }
    log('unhandled error', { error: error instanceof Error ? error.stack ?? error.message : String(error), path: loggablePath(c.req.path), method: c.req.method });
    return c.json({ error: { code: 'internal', message: translate(lang, 'error.internal') } }, 500);
  };
}
