// Cross-cutting middleware: language, authentication and the role check.

import type { Role } from '@shared/api/contract';
import { langFromAcceptLanguage } from '@shared/i18n/dictionary';
import type { MiddlewareHandler } from 'hono';
import { assertRole } from '../access/roles';
import type { IdentityProvider } from '../auth/identity';
import { problem } from '../errors';
import type { AppEnv } from './context';

export const detectLanguage: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('lang', langFromAcceptLanguage(c.req.header('accept-language')));
  await next();
};

/** Verifies the bearer token on every call and, when roles are given, that the user has one of them. */
export function requireUser(identity: IdentityProvider, ...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw problem.unauthorized();
    const user = await identity.verify(match[1]);
    assertRole(user, roles);
    c.set('user', user);
    await next();
  };
}

/** Every /api answer is personal or changing: never cached. */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
};
