// Who is calling: the identity provider signs users in and verifies their tokens.
// In AWS it is Cognito; locally an embedded stand-in. Both verify with the same JWT code path.

import { ROLES, type Role, type SessionResponse, type User } from '@shared/api/contract';
import { type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { problem } from '../errors';
import { createVerifiedTokenCache, type VerifiedTokenCache } from './verified-tokens';

export interface IdentityProvider {
  /** Resolves a session, or throws BadCredentialsError. */
  signIn(username: string, password: string): Promise<SessionResponse>;
  /** Resolves the token's user, or throws UnauthorizedError. */
  verify(token: string): Promise<User>;
}

/** Claims as Cognito puts them in an ID token; the local stand-in issues the same. */
export interface PhieuClaims extends JWTPayload {
  'cognito:username'?: string;
  'cognito:groups'?: string[];
  'custom:areas'?: string;
  token_use?: string;
}

export function userFromClaims(claims: PhieuClaims): User {
  const username = claims['cognito:username'];
  const role = (claims['cognito:groups'] ?? []).find((group): group is Role => (ROLES as readonly string[]).includes(group));
  if (!username || !role || claims.token_use !== 'id') throw problem.unauthorized();
  const areas = (claims['custom:areas'] ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  return { username, role, areas };
}

export interface JwtVerifierOptions {
  /** The issuer's JWKS: Cognito's remote set in AWS, the stand-in's key locally. */
  keySet: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Tokens verified before (default: a fresh bounded cache per verifier). */
  cache?: VerifiedTokenCache;
}

/**
 * The one token check: signature against the issuer's JWKS, issuer, audience, expiry, then claims. A token that
 * passed is remembered until its exp, so the next request with it skips the signature check.
 */
export function createJwtVerifier({ keySet, issuer, audience, cache = createVerifiedTokenCache() }: JwtVerifierOptions): (token: string) => Promise<User> {
  return async (token) => {
    const known = cache.get(token);
    if (known) return known;
    let payload: PhieuClaims;
    try {
      ({ payload } = await jwtVerify<PhieuClaims>(token, keySet, { issuer, audience }));
    } catch {
      throw problem.unauthorized();
    }
    const user = userFromClaims(payload);
    if (typeof payload.exp === 'number') cache.set(token, user, payload.exp * 1000);
    return user;
  };
}
