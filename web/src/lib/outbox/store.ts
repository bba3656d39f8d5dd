// Outbox operations the pages use: keep a draft, commit answers for upload, queue a delete, choose a side
// in a conflict, remember what the server listed. Every change is written to IndexedDB before it returns.
import type { StoredResponse } from '@shared/api/contract';
import type { ResponseBody } from '@shared/survey/schema';
import type { FormState, ResponseTarget } from '../household-form';
import { deleteRecord, getRecord, putRecord, recordsOf, updateRecord } from './db';
import { answersCommitted, conflictResolved, deleteQueued, draftDiscarded, draftSaved, goneFromListing, serverCopySeen } from './transitions';
import type { LocalHousehold } from './types';

/** Keeps unfinished answers as typed; anything waiting to upload stays as it was. */
export function saveDraft(owner: string, id: string, target: ResponseTarget, draft: FormState, now = Date.now()) {
  return updateRecord(owner, id, (current) => draftSaved(current, owner, id, target, draft, now));
}

/** Drops unfinished answers: a household never completed disappears, otherwise the completed answers stay. */
export function discardDraft(owner: string, id: string) {
  return updateRecord(owner, id, draftDiscarded);
}

/** Completed answers: waiting to upload (at the version the phone last saw). */
export function commitAnswers(owner: string, id: string, target: ResponseTarget, body: ResponseBody, now = Date.now()) {
  return updateRecord(owner, id, (current) => answersCommitted(current, owner, id, target, body, now));
}

/** Queues a delete (see deleteQueued: a household the server never had is simply forgotten). */
export async function queueDelete(owner: string, id: string, now = Date.now()) {
  return updateRecord(owner, id, (current) => deleteQueued(current, now));
}

/** The collector's choice in a conflict: re-send mine over theirs, or take theirs and drop mine. */
export function resolveConflict(owner: string, id: string, keep: 'mine' | 'theirs', now = Date.now()) {
  return updateRecord(owner, id, (current) => conflictResolved(current, keep, now));
}

/**
 * Remembers what the server listed for a village, so the list and the edit form work offline. Households
 * with something unsent (answers or a draft) keep the phone's answers and the version they were based on;
 * `complete` (no further page) also forgets uploaded households that the server no longer lists (deleted elsewhere).
 */
export async function rememberServerPage(owner: string, villageCode: string, roundId: string, responses: StoredResponse[], complete: boolean): Promise<void> {
  const listed = new Set(responses.map((r) => r.id));
  const where = { villageCode, roundId };
  for (const stored of responses) await updateRecord(owner, stored.id, (current) => serverCopySeen(current, owner, stored, where, Date.now()));
  if (!complete) return;
  for (const record of await recordsOf(owner)) if (goneFromListing(record, where, listed)) await deleteRecord(owner, record.id);
}

/** The households of one village in one round, newest change first. */
export async function householdsOf(owner: string, roundId: string, villageCode: string): Promise<LocalHousehold[]> {
  return (await recordsOf(owner)).filter((r) => r.roundId === roundId && r.villageCode === villageCode).sort((a, b) => b.savedAt - a.savedAt);
}

export { getRecord, putRecord, recordsOf };
