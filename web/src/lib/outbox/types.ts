// What the phone keeps of one household: answers not yet uploaded, or the copy last seen on the server.
import type { StoredResponse } from '@shared/api/contract';
import type { ResponseBody } from '@shared/survey/schema';
import type { FieldIssue } from '@shared/survey/validate';
import type { FormState } from '../household-form';

/**
 * draft: started, never completed (nothing to upload yet);
 * pending: complete answers (or a delete) waiting to upload;
 * uploaded: the server holds exactly these answers;
 * rejected: the server refused them (reason kept), nothing uploads until the collector fixes them;
 * conflict: someone else changed it on the server first; the collector chooses a version.
 */
export type LocalState = 'draft' | 'pending' | 'uploaded' | 'rejected' | 'conflict';

export interface Rejection {
  status: number;
  code: string;
  message: string;
  issues: FieldIssue[];
  /** With `household_already_answered`: the response that already counts the household. */
  existingId?: string;
}

export interface LocalHousehold {
  /** The signed-in user whose outbox this is: one phone may be shared, nothing crosses accounts. */
  owner: string;
  /** The response id: a UUID made on the phone, so a retried upload never makes a second household. */
  id: string;
  roundId: string;
  wardCode: string;
  villageCode: string;
  state: LocalState;
  /** Completed answers: waiting to upload, or as uploaded. */
  body?: ResponseBody;
  /** Answers being entered and not yet completed (saved as typed; may be half-done). */
  draft?: FormState;
  /** A delete waiting to upload. */
  deleting?: boolean;
  /** The server version `body` was based on; absent until the first upload succeeds. */
  version?: number;
  /** The copy last read from the server (channel, author, roster code… for the list). */
  server?: StoredResponse;
  /** The server's copy when it changed under an offline edit. */
  theirs?: StoredResponse;
  /** Bodies sent whose answer never came (at most a few): recognises our own upload in a later 409. */
  unconfirmed?: ResponseBody[];
  rejection?: Rejection;
  /** Failed attempts since the last success, for backoff. */
  attempts: number;
  /** Not before this time (ms since epoch) will the next upload be tried. */
  nextAttemptAt: number;
  /** Last change on the phone (ms since epoch). */
  savedAt: number;
}

/** States that still hold something the server does not have. */
export function isUnsent(record: Pick<LocalHousehold, 'state' | 'draft'>): boolean {
  return record.state !== 'uploaded' || record.draft !== undefined;
}
