// One list row from what the phone holds of a household. Pure, so the list stays data-driven: a row is
// its fields, its state and its badges (see badges.ts), whatever produced it.
import type { MessageKey } from '@shared/i18n/dictionary';
import type { LocalHousehold } from '../../lib/outbox';

export type RowStatus = 'draft' | 'pending' | 'changed' | 'deleting' | 'uploaded' | 'rejected' | 'conflict';

export interface HouseholdRowModel {
  id: string;
  name: string;
  address: string;
  memberCount: number;
  status: RowStatus;
  /** Unfinished answers are kept beside what is waiting or uploaded. */
  unfinished: boolean;
  /** The server's reason for a rejection (in the language of the upload). */
  reason?: string;
  /** The reviewer's comment while the household is returned for correction. */
  returnedComment?: string;
  record: LocalHousehold;
}

export const STATUS_LABEL: Record<RowStatus, MessageKey> = {
  draft: 'ui.outbox.state.draft',
  pending: 'ui.outbox.state.pending',
  changed: 'ui.outbox.state.changed',
  deleting: 'ui.outbox.state.deleting',
  uploaded: 'ui.outbox.state.uploaded',
  rejected: 'ui.outbox.state.rejected',
  conflict: 'ui.outbox.state.conflict',
};

function statusOf(record: LocalHousehold): RowStatus {
  if (record.state === 'pending') return record.deleting ? 'deleting' : record.version === undefined ? 'pending' : 'changed';
  return record.state;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function rowOf(record: LocalHousehold): HouseholdRowModel {
  const answers = record.draft ?? record.body;
  const reasons = record.rejection ? [record.rejection.message, ...record.rejection.issues.map((i) => i.message)] : [];
  return {
    id: record.id,
    name: text(answers?.household.head_name),
    address: text(answers?.household.address),
    memberCount: answers?.members.length ?? 0,
    status: statusOf(record),
    unfinished: record.draft !== undefined && record.state !== 'draft',
    reason: reasons.length > 0 ? [...new Set(reasons)].join(' ') : undefined,
    ...(record.server?.review?.state === 'returned' ? { returnedComment: record.server.review.comment ?? '' } : {}),
    record,
  };
}
