// When an ID token expires, read from its payload (a JWT: header.payload.signature, base64url). The token is
// verified by the server; the client only needs the time to renew it before it runs out.

/** The token's `exp` in milliseconds since the epoch, or undefined when it has none or is not a JWT. */
export function tokenExpiresAt(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const text = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const exp = (JSON.parse(text) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Renew this long before the token expires, so a call never leaves with a token about to run out. */
export const RENEW_BEFORE_MS = 60_000;
/** After a renewal that failed for lack of network, try again this much later. */
export const RENEW_RETRY_MS = 30_000;

/** Milliseconds from `now` until the token should be renewed (0: now); undefined when its expiry is unknown. */
export function renewDelay(token: string, now: number): number | undefined {
  const expiresAt = tokenExpiresAt(token);
  return expiresAt === undefined ? undefined : Math.max(0, expiresAt - RENEW_BEFORE_MS - now);
}
