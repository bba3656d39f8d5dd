// A small fixed-window rate limiter kept in process memory. In Lambda each warm container keeps its own
// counts, so this is a first line behind API Gateway's stage throttling, not a global guarantee (see README).

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one request for `key` and says whether it is within the limit. */
  hit(key: string, now: number): RateDecision;
  /** Whether `key` has used up its window, without counting a request (a check before a costly step). */
  check(key: string, now: number): RateDecision;
}

/** At most `maxKeys` windows are kept; expired ones are dropped first, then the oldest. */
export function createRateLimiter({ limit, windowMs }: RateLimit, maxKeys = 10_000): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const prune = (now: number) => {
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
    // Still full: forget the oldest (Map keeps insertion order).
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };
  return {
    check(key, now) {
      const window = windows.get(key);
      if (!window || window.resetAt <= now || window.count < limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    },
    hit(key, now) {
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        if (!window && windows.size >= maxKeys) prune(now);
        window = { count: 0, resetAt: now + windowMs };
        windows.delete(key);
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    },
  };
}
