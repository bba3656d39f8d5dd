// Tokens already verified, so a collector's burst of uploads checks the signature once, not once per request.
// Keyed by the token's hash (the cache never holds a usable token) and bounded: the least recently used goes first.
import { createHash } from 'node:crypto';
import type { User } from '@shared/api/contract';

/** What a verified token told: by default its user; the verifier keeps the whole session (user and sign-in time). */
export interface VerifiedTokenCache<T = User> {
  get(token: string): T | undefined;
  /** Remembers `user` for `token` until `expiresAt` (ms since the epoch: the token's exp). */
  set(token: string, user: T, expiresAt: number): void;
}

const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export function createVerifiedTokenCache<T = User>({ max = 1000, now = Date.now }: { max?: number; now?: () => number } = {}): VerifiedTokenCache<T> {
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
  const entries = new Map<string, { user: T; expiresAt: number }>();
  return {
    get(token) {
      const key = keyOf(token);
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.user;
    },
    set(token, user, expiresAt) {
      if (expiresAt <= now()) return;
      const key = keyOf(token);
      entries.delete(key);
      entries.set(key, { user, expiresAt });
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
  };
}
