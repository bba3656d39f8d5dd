// Extra badges on a household row. Each entry looks at a row and may return a badge: a new kind of
// badge (e.g. "self-reported", a roster code) is one more entry here, not a change of the list.
import type { MessageKey } from '@shared/i18n/dictionary';
import type { HouseholdRowModel } from './rows';

export interface RowBadge {
  key: MessageKey;
  params?: Record<string, string | number>;
  tone: 'info' | 'warning';
  testId: string;
}

export const ROW_BADGES: ((row: HouseholdRowModel) => RowBadge | undefined)[] = [
  (row) => (row.unfinished ? { key: 'ui.outbox.unfinished', tone: 'warning', testId: 'badge-unfinished' } : undefined),
  // Answered through a self-report link: not to be surveyed again.
  (row) => (row.record.server?.channel === 'self' ? { key: 'ui.collect.self_badge', tone: 'info', testId: 'self-badge' } : undefined),
  // An official sent it back: the comment shows under the row (rows.ts), saving it sends it again.
  (row) => (row.returnedComment !== undefined ? { key: 'ui.review.state.returned', tone: 'warning', testId: 'badge-returned' } : undefined),
];

export function badgesOf(row: HouseholdRowModel): RowBadge[] {
  return ROW_BADGES.flatMap((badge) => badge(row) ?? []);
}
