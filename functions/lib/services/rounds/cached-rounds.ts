// Rounds read through a short in-process cache: every write checks its round's window, and a round changes a few
// times a year, so one read per container per TTL replaces a read per request. A missing round is never cached,
// so a round made a moment ago is found at once.
import type { Round } from '@shared/api/contract';
import type { ReferenceRepo } from '../../repo/types';

/** How long a round read stays in use; a changed window takes effect within it. */
export const ROUND_CACHE_TTL_MS = 30_000;

/** `reference` with `getRound` answered from a cache of at most `ttlMs` (`clock` decides the age). */
export function withCachedRounds<R extends Pick<ReferenceRepo, 'getRound'>>(reference: R, clock: () => Date, ttlMs = ROUND_CACHE_TTL_MS): R {
  const cache = new Map<string, { round: Promise<Round | undefined>; at: number }>();
  const getRound = (id: string): Promise<Round | undefined> => {
    const now = clock().getTime();
    const hit = cache.get(id);
    if (hit && now - hit.at <= ttlMs && now >= hit.at) return hit.round;
    // Concurrent requests for one round share one read.
    const round = reference.getRound(id);
    cache.set(id, { round, at: now });
    const forget = () => {
      if (cache.get(id)?.round === round) cache.delete(id);
    };
    round.then((found) => found ?? forget(), forget);
    return round;
  };
  // A round changed through this container (an admin's edit: its window, its count policy) holds at once here;
  // other containers see it within the TTL.
  const store = reference as R & Partial<Pick<ReferenceRepo, 'putRound'>>;
  const putRound = async (round: Round) => {
    try {
      await store.putRound!(round);
    } finally {
      cache.delete(round.id);
    }
  };
  // Delegates through the prototype, so the other methods stay the store's own (even if replaced later).
  return Object.assign(Object.create(reference) as R, { getRound }, typeof store.putRound === 'function' ? { putRound } : {});
}
