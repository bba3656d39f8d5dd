// Ending a user's sessions before their tokens expire: an admin signs a user out (they left, or their areas
// changed and the old token still names the old ones) and every token from a sign-in before that instant is
// refused, and so is every refresh of a session signed in before it. The cut-off is read from the store, cached
// briefly per container so a busy user costs one read a while; a refresh always reads it afresh.
import { Problem } from '../errors';
import type { SessionsRepo } from '../repo/types';
import type { IdentityProvider } from './identity';

export const CUTOFF_CACHE_MS = 30_000;

export interface SessionCutoff {
  identity: IdentityProvider;
  /** Refuses the user's existing tokens from now on (and at the provider, when it can). */
  endSessions(username: string): Promise<void>;
}

export function withSessionCutoff(inner: IdentityProvider, sessions: SessionsRepo, now: () => number = Date.now): SessionCutoff {
  const cache = new Map<string, { validAfterMs: number; readAt: number }>();
  const validAfterMs = async (username: string, fresh = false) => {
    const cached = cache.get(username);
    if (!fresh && cached && now() - cached.readAt < CUTOFF_CACHE_MS) return cached.validAfterMs;
    const stored = await sessions.getValidAfter(username);
    const value = stored ? Date.parse(stored) : 0;
    if (cache.size > 10_000) cache.clear();
    cache.set(username, { validAfterMs: value, readAt: now() });
    return value;
  };
  const verifySession = async (token: string, fresh = false) => {
    const session = await inner.verifySession(token);
    // Token times are whole seconds: a sign-in in the same second as the cut-off still counts.
    if (session.signedInAt < Math.floor((await validAfterMs(session.user.username, fresh)) / 1000)) throw new Problem('session_ended');
    return session;
  };
  const { refresh } = inner;
  const identity: IdentityProvider = {
    ...inner,
    verifySession: (token) => verifySession(token),
    verify: async (token) => (await verifySession(token)).user,
    ...(refresh
      ? {
          async refresh(refreshToken, context) {
            const session = await refresh(refreshToken, context);
            // The new token keeps the sign-in time: a session ended by an admin cannot be renewed.
            await verifySession(session.token, true);
            return session;
          },
        }
      : {}),
  };
  return {
    identity,
    async endSessions(username) {
      const at = new Date(now()).toISOString();
      await sessions.setValidAfter(username, at);
      cache.set(username, { validAfterMs: Date.parse(at), readAt: now() });
      await inner.endSessions?.(username);
    },
  };
}
