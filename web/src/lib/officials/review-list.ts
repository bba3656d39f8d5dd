// The review page's list, pure: which households a filter shows, which one comes next, and the wards a user
// reviews. Apart from the page so that it is tested without a browser.
import type { AreaAggregate, StoredResponse, User } from '@shared/api/contract';
import { type Area, AreaTree } from '@shared/areas/areas';
import { type ReviewState, reviewStateOf } from '@shared/review/review';

export interface ReviewFilter {
  state: ReviewState | 'all';
  villageCode: string | 'all';
}

export const stateOf = (response: StoredResponse): ReviewState => reviewStateOf(response.review);

/** The households a filter shows, in the server's order (village, then id). */
export function filterResponses(responses: readonly StoredResponse[], filter: ReviewFilter): StoredResponse[] {
  return responses.filter(
    (r) => (filter.state === 'all' || stateOf(r) === filter.state) && (filter.villageCode === 'all' || r.villageCode === filter.villageCode),
  );
}

/** The id `step` places from `current` in `shown` (clamped), or the first one when `current` is not shown. */
export function stepFrom(shown: readonly StoredResponse[], current: string | undefined, step: number): string | undefined {
  if (shown.length === 0) return undefined;
  const at = shown.findIndex((r) => r.id === current);
  if (at === -1) return shown[0].id;
  return shown[Math.min(shown.length - 1, Math.max(0, at + step))].id;
}

/**
 * After an action on `id`: the next household the filter still shows (the one after it, else the one before), so
 * a reviewer working through "waiting" moves on as each one leaves the list.
 */
export function nextAfterAction(before: readonly StoredResponse[], after: readonly StoredResponse[], id: string): string | undefined {
  const at = before.findIndex((r) => r.id === id);
  const stillShown = new Set(after.map((r) => r.id));
  for (const candidate of [...before.slice(at + 1), ...before.slice(0, Math.max(0, at)).reverse()]) if (stillShown.has(candidate.id)) return candidate.id;
  return after.some((r) => r.id === id) ? id : undefined;
}

/** The wards a user reviews: every ward for an admin, those within an official's areas. */
export function reviewableWards(user: User, areas: readonly Area[]): Area[] {
  const tree = new AreaTree([...areas]);
  const wards = tree.ofLevel('ward');
  if (user.role === 'admin') return wards;
  return user.role === 'official' ? wards.filter((w) => tree.isWithinAny(w.code, user.areas)) : [];
}

/** Under the approved policy: the areas with their provisional figures in place of the confirmed ones. */
export function provisionalRows(rows: readonly AreaAggregate[]): AreaAggregate[] {
  return rows.map(({ provisional, ...row }) =>
    provisional
      ? {
          ...row,
          households: { ...row.households, surveyed: provisional.households.surveyed },
          members: provisional.members,
          indicators: provisional.indicators,
        }
      : row,
  );
}
