// Counting states read through a very short in-process cache: every officials' page polls its figures, and a
// state changes a few times a year. A write through this process forgets its round at once; another
// container's write shows within the TTL.
import type { CountingState } from '@shared/indicators/counting';
import type { CountingsRepo } from '../../repo/types';

export const COUNTING_CACHE_TTL_MS = 2000;

export function withCachedCountings(countings: CountingsRepo, clock: () => Date, ttlMs = COUNTING_CACHE_TTL_MS): CountingsRepo {
  const cache = new Map<string, { state: Promise<CountingState | undefined>; at: number }>();
  return {
    get(roundId) {
      const now = clock().getTime();
      const hit = cache.get(roundId);
      if (hit && now >= hit.at && now - hit.at <= ttlMs) return hit.state;
      const state = countings.get(roundId);
      cache.set(roundId, { state, at: now });
      state.catch(() => cache.delete(roundId));
      return state;
    },
    async put(state, expectedRev) {
      cache.delete(state.roundId);
      try {
        return await countings.put(state, expectedRev);
      } finally {
        cache.delete(state.roundId);
      }
    },
  };
}
