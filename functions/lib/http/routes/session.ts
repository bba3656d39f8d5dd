// /api/session: sign-in (password, then the authenticator code when the account has one), silent renewal of the
// ID token from the refresh credential, and sign-out on this device. The refresh credential travels only in an
// HttpOnly, SameSite=Strict cookie scoped to /api/session: page scripts never see it, other sites never send it,
// and no other route receives it (docs/security.md, "Sessions").
import { MfaAnswerRequestSchema, SessionRequestSchema } from '@shared/api/contract';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { MAX_SESSION_AGE_SECONDS, type SignInResult } from '../../auth/identity';
import { Problem, problem } from '../../errors';
import { guardedSignIn } from '../../services/sign-in/sign-in-guard';
import { clientAddress, rawClientAddress } from '../client-origin';
import type { AppDeps, AppEnv } from '../context';
import { parseOrThrow, readJson } from '../request';

export const REFRESH_COOKIE = 'phieu_refresh';
const COOKIE_PATH = '/api/session';

/** Secure everywhere but plain http to a non-loopback host (the local server opened from another device). */
function cookieOptions(c: Context<AppEnv>) {
  const url = new URL(c.req.url);
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
  return { path: COOKIE_PATH, httpOnly: true, sameSite: 'Strict', secure: url.protocol === 'https:' || loopback } as const;
}

/** The session as the body carries it: the refresh credential goes into the cookie, never into the JSON. */
function answer(c: Context<AppEnv>, { refreshToken, ...session }: SignInResult) {
  if (refreshToken) setCookie(c, REFRESH_COOKIE, refreshToken, { ...cookieOptions(c), maxAge: MAX_SESSION_AGE_SECONDS });
  return c.json(session);
}

export function sessionRoutes({ identity, repo, clock, originVerify, originVerifyPrevious, signInPolicy }: AppDeps) {
  const trusted = [originVerify, originVerifyPrevious];
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const body = await readJson(c);
      const address = clientAddress(c, trusted);
      const ipAddress = rawClientAddress(c, trusted);
      const deps = { identity, attempts: repo.attempts, clock, policy: signInPolicy };
      // The second step of an MFA sign-in names the challenge session and the code instead of the password.
      const isAnswer = typeof body === 'object' && body !== null && ('code' in body || 'session' in body);
      const request = isAnswer ? parseOrThrow(MfaAnswerRequestSchema, body) : parseOrThrow(SessionRequestSchema, body);
      return answer(c, await guardedSignIn({ ...request, address, ipAddress }, deps));
    })
    .post('/refresh', async (c) => {
      const credential = getCookie(c, REFRESH_COOKIE);
      if (!credential || !identity.refresh) throw problem.unauthorized();
      try {
        return answer(c, await identity.refresh(credential, { address: rawClientAddress(c, trusted) }));
      } catch (error) {
        // A refused credential is dropped, so the next page load asks for a sign-in instead of trying it again.
        if (error instanceof Problem && error.status === 401) deleteCookie(c, REFRESH_COOKIE, cookieOptions(c));
        throw error;
      }
    })
    .delete('/', async (c) => {
      const credential = getCookie(c, REFRESH_COOKIE);
      // Best effort: the cookie goes whatever the provider says, and an unknown credential is no error.
      if (credential) await identity.revoke?.(credential).catch(() => undefined);
      deleteCookie(c, REFRESH_COOKIE, cookieOptions(c));
      return c.body(null, 204);
    });
}
