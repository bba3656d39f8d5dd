// The user pool's signing keys held in process: shipped with the function (COGNITO_JWKS, fetched at deploy) and
// refreshed in the background, so no request waits on the network for keys. jose's remote set instead fetches on
// the first request and again every 10 minutes, holding that request. A token signed with a key we do not have
// yet (Cognito rotated) waits for one refresh, at most once a minute.
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface CachedJwksOptions {
  /** Where the keys are published (`<issuer>/.well-known/jwks.json`). */
  url: string;
  /** The keys shipped with the function; absent: fetched on first use. */
  initial?: JSONWebKeySet;
  /** Age after which a request starts a refresh it does not wait for. */
  refreshAfterMs?: number;
  /** Least time between two fetches caused by an unknown key. */
  cooldownMs?: number;
  fetchKeys?: (url: string) => Promise<JSONWebKeySet>;
  now?: () => number;
  onRefreshError?: (error: unknown) => void;
}

async function fetchJwks(url: string): Promise<JSONWebKeySet> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`JWKS ${url}: HTTP ${response.status}`);
  return (await response.json()) as JSONWebKeySet;
}

export function createCachedJwks({
  url,
  initial,
  refreshAfterMs = 6 * 60 * 60_000,
  cooldownMs = 60_000,
  fetchKeys = fetchJwks,
  now = Date.now,
  onRefreshError = () => {},
}: CachedJwksOptions): JWTVerifyGetKey {
  let keys = initial ? createLocalJWKSet(initial) : undefined;
  let loadedAt = initial ? now() : Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;

  const refresh = () => {
    pending ??= fetchKeys(url)
      .then((set) => {
        keys = createLocalJWKSet(set);
      })
      .finally(() => {
        // Failed or not, the attempt counts: the cooldown also spaces out retries against a failing endpoint.
        loadedAt = now();
        pending = undefined;
      });
    return pending;
  };

  return async (header, token) => {
    if (!keys) await refresh();
    else if (now() - loadedAt > refreshAfterMs) refresh().catch(onRefreshError);
    try {
      return await (keys as NonNullable<typeof keys>)(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || now() - loadedAt < cooldownMs) throw error;
      await refresh();
      return (keys as NonNullable<typeof keys>)(header, token);
    }
  };
}
