// Ward roster pointers read through a short in-process cache: every GET /api/aggregates needs the wards' household
// totals, and rosters change only on an import. An import through this container clears the cache at once; other
// containers see it within the TTL.
import type { WardRoster } from '@shared/roster/roster';
import type { RosterRepo } from '../../repo/types';

export const WARD_ROSTERS_TTL_MS = 10_000;

export function withCachedWardRosters<R extends Pick<RosterRepo, 'listWardRosters' | 'publish'>>(roster: R, clock: () => Date, ttlMs = WARD_ROSTERS_TTL_MS): R {
  let cached: { pointers: Promise<WardRoster[]>; at: number } | undefined;
  // Delegates through the prototype, so the other methods stay the store's own (even if replaced later).
  return Object.assign(Object.create(roster) as R, {
    listWardRosters() {
      const now = clock().getTime();
      if (!cached || now - cached.at > ttlMs || now < cached.at) {
        const entry = { pointers: roster.listWardRosters(), at: now };
        cached = entry;
        entry.pointers.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.pointers;
    },
    async publish(next: readonly WardRoster[], previous: ReadonlyMap<string, string | null>) {
      try {
        return await roster.publish(next, previous);
      } finally {
        cached = undefined;
      }
    },
  } satisfies Pick<RosterRepo, 'listWardRosters' | 'publish'>);
}
