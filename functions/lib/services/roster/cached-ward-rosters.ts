// Ward roster pointers read through a short in-process cache, one entry per area set: every GET /api/aggregates
// needs the wards' household totals of its round's set, and rosters change only on an import. An import through
// this container clears its set's entry at once; other containers see it within the TTL.
import type { WardRoster } from '@shared/roster/roster';
import { rosterSetOf } from '@shared/roster/roster-set';
import type { RosterRepo } from '../../repo/types';

export const WARD_ROSTERS_TTL_MS = 10_000;

export function withCachedWardRosters<R extends Pick<RosterRepo, 'listWardRosters' | 'publish'>>(roster: R, clock: () => Date, ttlMs = WARD_ROSTERS_TTL_MS): R {
  const cached = new Map<string, { pointers: Promise<WardRoster[]>; at: number }>();
  // Delegates through the prototype, so the other methods stay the store's own (even if replaced later).
  return Object.assign(Object.create(roster) as R, {
    listWardRosters(areaSetId?: string) {
      // No id and the installation's own id are one set (one partition): one entry for both.
      const key = rosterSetOf(areaSetId);
      const now = clock().getTime();
      const hit = cached.get(key);
      if (hit && now - hit.at <= ttlMs && now >= hit.at) return hit.pointers;
      const entry = { pointers: roster.listWardRosters(areaSetId), at: now };
      cached.set(key, entry);
      entry.pointers.catch(() => {
        if (cached.get(key) === entry) cached.delete(key);
      });
      return entry.pointers;
    },
    async publish(next: readonly WardRoster[], previous: ReadonlyMap<string, string | null>, areaSetId?: string) {
      try {
        return await roster.publish(next, previous, areaSetId);
      } finally {
        cached.delete(rosterSetOf(areaSetId));
      }
    },
  } satisfies Pick<RosterRepo, 'listWardRosters' | 'publish'>);
}
