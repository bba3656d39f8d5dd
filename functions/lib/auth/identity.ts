// Who is calling: the identity provider signs users in and verifies their tokens.
// In AWS it is Cognito; locally an embedded stand-in. Both verify with the same JWT code path.

import { ROLES, type Role, type SessionResponse, type User } from '@shared/api/contract';
import { readAreasClaim } from '@shared/areas/area-claim';
import { type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { problem } from '../errors';
import { createVerifiedTokenCache, type VerifiedTokenCache } from './verified-tokens';

/** What the API knows about a sign-in request, for the provider's risk scoring (Cognito threat protection). */
export interface SignInContext {
  /** The viewer's address (CloudFront's x-viewer-address when trusted, else the socket's). */
  address?: string;
  /** The device fingerprint that Cognito's context-data library collected in the browser, when sent. */
  encodedData?: string;
}

/** A session and, where the provider issues one, the refresh credential that renews it (kept out of the body). */
export type SignInResult = SessionResponse & { refreshToken?: string };

/** An admin's change to a user's access: whatever is given replaces what the user had. */
export interface UserChange {
  role?: Role;
  areas?: string[];
  /** The set `areas` are read in (absent with `areas`: the installation's own). */
  areaSetId?: string;
}

export interface IdentityProvider {
  /**
   * Resolves a session, or throws BadCredentialsError; a user with an authenticator app gets the Problem
   * `mfa_required` whose details carry the challenge `session` to answer with `answerMfa`.
   */
  signIn(username: string, password: string, context?: SignInContext): Promise<SignInResult>;
  /** The second step of a sign-in with MFA: the 6-digit code from the authenticator app. */
  answerMfa?(username: string, session: string, code: string, context?: SignInContext): Promise<SignInResult>;
  /** A new ID token from a refresh credential; 401 when it is unknown, expired or revoked. */
  refresh?(refreshToken: string, context?: SignInContext): Promise<SignInResult>;
  /** Forgets a refresh credential at the provider (sign-out on this device); best effort. */
  revoke?(refreshToken: string): Promise<void>;
  /** Resolves the token's user, or throws UnauthorizedError. */
  verify(token: string): Promise<User>;
  /** The token's user and when they signed in (epoch seconds: auth_time, else iat). */
  verifySession(token: string): Promise<{ user: User; signedInAt: number }>;
  /** Ends the user's sessions at the provider too (Cognito: AdminUserGlobalSignOut revokes refresh tokens). */
  endSessions?(username: string): Promise<void>;
  /** Changes a user's role or areas at the provider; 404 when there is no such user. */
  updateUser?(username: string, change: UserChange): Promise<void>;
  /** Removes the user at the provider; 404 when there is no such user. */
  removeUser?(username: string): Promise<void>;
}

/** Claims as Cognito puts them in an ID token; the local stand-in issues the same. */
export interface PhieuClaims extends JWTPayload {
  'cognito:username'?: string;
  'cognito:groups'?: string[];
  'custom:areas'?: string;
  token_use?: string;
  /** When the user signed in (seconds); kept by a refresh, so a session cannot be stretched forever. */
  auth_time?: number;
}

export function userFromClaims(claims: PhieuClaims): User {
  const username = claims['cognito:username'];
  const groups: unknown = claims['cognito:groups'] ?? [];
  const areaList: unknown = claims['custom:areas'] ?? '';
  // A token is signed, but its claims are still data: a string, number or object where a list belongs is a 401.
  if (typeof username !== 'string' || !Array.isArray(groups) || typeof areaList !== 'string') throw problem.unauthorized();
  const role = groups.find((group): group is Role => typeof group === 'string' && (ROLES as readonly string[]).includes(group));
  if (!username || !role || claims.token_use !== 'id') throw problem.unauthorized();
  const { areas, areaSetId } = readAreasClaim(areaList);
  return areaSetId ? { username, role, areas, areaSetId } : { username, role, areas };
}

export interface JwtVerifierOptions {
  /** The issuer's JWKS: Cognito's remote set in AWS, the stand-in's key locally. */
  keySet: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Oldest token accepted, from its `iat`, whatever its `exp` says (default MAX_TOKEN_AGE_SECONDS). */
  maxTokenAgeSeconds?: number;
  /** Oldest sign-in accepted, from `auth_time` (kept across refreshes), default MAX_SESSION_AGE_SECONDS. */
  maxSessionAgeSeconds?: number;
  clock?: () => Date;
  /** Tokens verified before (default: a fresh bounded cache per verifier). */
  cache?: VerifiedTokenCache<VerifiedSession>;
}

/**
 * A token is refused this long after it was issued, whatever its `exp` claims (a token minted with a far expiry by a
 * misconfigured issuer, or a stolen one). ID tokens live 15 minutes (the local stand-in's and Cognito's app client);
 * the web app renews them silently with the refresh credential (POST /api/session/refresh).
 */
export const MAX_TOKEN_AGE_SECONDS = 60 * 60;
/** How long an ID token lasts, locally and in the Cognito app client (infra/stacks/stateful-stack.ts). */
export const ID_TOKEN_SECONDS = 15 * 60;
/** A sign-in lasts at most 12 hours (a working day) however often its token is refreshed. */
export const MAX_SESSION_AGE_SECONDS = 12 * 60 * 60;

/** A verified token's user and when they signed in (`auth_time`, kept across refreshes; else the token's `iat`). */
export interface VerifiedSession {
  user: User;
  signedInAt: number;
}

/**
 * The one token check: signature against the issuer's JWKS, issuer, audience, expiry, token and sign-in age, then
 * claims. A token that passed is remembered until the first of those limits, so the next request with it skips the
 * signature check (an ECDSA or RSA verification: the larger part of what a request costs the API's CPU).
 */
export function createSessionVerifier(options: JwtVerifierOptions): (token: string) => Promise<VerifiedSession> {
  const verifyClaims = createClaimsVerifier(options);
  const {
    cache = createVerifiedTokenCache<VerifiedSession>(),
    maxTokenAgeSeconds = MAX_TOKEN_AGE_SECONDS,
    maxSessionAgeSeconds = MAX_SESSION_AGE_SECONDS,
  } = options;
  return async (token) => {
    const known = cache.get(token);
    if (known) return known;
    const claims = await verifyClaims(token);
    const signedInAt = (typeof claims.auth_time === 'number' ? claims.auth_time : claims.iat) as number;
    const session = { user: userFromClaims(claims), signedInAt };
    const limits = [claims.exp, typeof claims.iat === 'number' ? claims.iat + maxTokenAgeSeconds : undefined, signedInAt + maxSessionAgeSeconds];
    const until = Math.min(...limits.filter((value): value is number => typeof value === 'number'));
    if (Number.isFinite(until)) cache.set(token, session, until * 1000);
    return session;
  };
}

/** The user of a token verified by `verifySession` (its check, its cache included). */
export function userOf(verifySession: (token: string) => Promise<VerifiedSession>): (token: string) => Promise<User> {
  return async (token) => (await verifySession(token)).user;
}

/** The user of a verified token, through a session verifier of its own. */
export function createJwtVerifier(options: JwtVerifierOptions): (token: string) => Promise<User> {
  return userOf(createSessionVerifier(options));
}

/** The verified claims of a token: signature, issuer, audience, expiry, token age and sign-in age. */
export function createClaimsVerifier({
  keySet,
  issuer,
  audience,
  maxTokenAgeSeconds = MAX_TOKEN_AGE_SECONDS,
  maxSessionAgeSeconds = MAX_SESSION_AGE_SECONDS,
  clock = () => new Date(),
}: JwtVerifierOptions): (token: string) => Promise<PhieuClaims> {
  return async (token) => {
    let payload: PhieuClaims;
    try {
      ({ payload } = await jwtVerify<PhieuClaims>(token, keySet, { issuer, audience, maxTokenAge: maxTokenAgeSeconds, currentDate: clock() }));
    } catch {
      throw problem.unauthorized();
    }
    const signedInAt = typeof payload.auth_time === 'number' ? payload.auth_time : payload.iat;
    if (typeof signedInAt !== 'number' || clock().getTime() / 1000 - signedInAt > maxSessionAgeSeconds) throw problem.unauthorized();
    return payload;
  };
}
