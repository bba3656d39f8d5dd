// Outbox operations the pages use: keep a draft, commit answers for upload, queue a delete, choose a side
// in a conflict, remember what the server listed. Every change is written to IndexedDB before it returns.
import type { StoredResponse } from '../../../../shared/api/contract';
import type { ResponseBody } from '../../../../shared/survey/schema';
import type { FormState, ResponseTarget } from '../household-form/form-state';
import { bodyOfStored } from './classify';
import { deleteRecord, getRecord, putRecord, recordsOf, updateRecord } from './db';
import type { LocalHousehold } from './types';

function fresh(owner: string, id: string, target: ResponseTarget, now: number): LocalHousehold {
  return { owner, id, ...target, state: 'draft', attempts: 0, nextAttemptAt: 0, savedAt: now };
}

/** Keeps unfinished answers as typed; anything waiting to upload stays as it was. */
export function saveDraft(owner: string, id: string, target: ResponseTarget, draft: FormState, now = Date.now()) {
  return updateRecord(owner, id, (current) => ({ ...(current ?? fresh(owner, id, target, now)), draft, savedAt: now }));
}

/** Drops unfinished answers: a household never completed disappears, otherwise the completed answers stay. */
export function discardDraft(owner: string, id: string) {
  return updateRecord(owner, id, (current) => {
    if (!current) return undefined;
    if (current.state === 'draft') return null;
    const { draft: _dropped, ...rest } = current;
    // The server moved on while the draft was kept: with the draft gone, the phone takes the newer copy.
    const { server } = rest;
    if (rest.state === 'uploaded' && server && server.version !== rest.version) return { ...rest, body: bodyOfStored(server), version: server.version };
    return rest;
  });
}

/** Completed answers: waiting to upload (at the version the phone last saw). */
export function commitAnswers(owner: string, id: string, target: ResponseTarget, body: ResponseBody, now = Date.now()) {
  return updateRecord(owner, id, (current) => {
    const base = current ?? fresh(owner, id, target, now);
    const { draft: _done, rejection: _old, deleting: _no, ...rest } = base;
    // A conflict stays a conflict until the collector chooses; the new answers become "mine".
    const state = base.state === 'conflict' ? 'conflict' : 'pending';
    return { ...rest, ...target, state, body, attempts: 0, nextAttemptAt: 0, savedAt: now };
  });
}

/**
 * Queues a delete; a household the server never had is simply forgotten. One whose upload went out without
 * an answer (lost, or still on its way) may be on the server: the delete waits, and the uploader asks the
 * server first.
 */
export async function queueDelete(owner: string, id: string, now = Date.now()) {
  return updateRecord(owner, id, (current) => {
    if (!current) return undefined;
    if (current.version === undefined && !current.unconfirmed?.length && !current.server && !current.theirs) return null;
    const { draft: _d, rejection: _r, ...rest } = current;
    return { ...rest, state: 'pending', deleting: true, attempts: 0, nextAttemptAt: 0, savedAt: now };
  });
}

/** The collector's choice in a conflict: re-send mine over theirs, or take theirs and drop mine. */
export function resolveConflict(owner: string, id: string, keep: 'mine' | 'theirs', now = Date.now()) {
  return updateRecord(owner, id, (current) => {
    if (!current?.theirs) return undefined;
    const { theirs, rejection: _r, draft: _d, ...rest } = current;
    if (keep === 'theirs') return { ...rest, state: 'uploaded', deleting: undefined, body: bodyOfStored(theirs), server: theirs, version: theirs.version, attempts: 0, nextAttemptAt: 0, savedAt: now };
    return { ...rest, state: 'pending', version: theirs.version, server: theirs, attempts: 0, nextAttemptAt: 0, savedAt: now };
  });
}

/**
 * Remembers what the server listed for a village, so the list and the edit form work offline. Households
 * with something unsent (answers or a draft) keep the phone's answers and the version they were based on;
 * `complete` (no further page) also forgets uploaded households that the server no longer lists (deleted elsewhere).
 */
export async function rememberServerPage(owner: string, villageCode: string, roundId: string, responses: StoredResponse[], complete: boolean): Promise<void> {
  const listed = new Set(responses.map((r) => r.id));
  for (const stored of responses) {
    await updateRecord(owner, stored.id, (current) => {
      // Unsent answers or a draft were begun from `version`: only `server` moves, so uploading them meets a
      // 409 and the collector chooses, instead of overwriting the other change unseen.
      if (current && (current.state !== 'uploaded' || current.draft)) return current.server?.version === stored.version ? undefined : { ...current, server: stored };
      if (current?.version === stored.version && current.server?.version === stored.version) return undefined;
      const base: LocalHousehold = current ?? { owner, id: stored.id, roundId, wardCode: stored.wardCode, villageCode, state: 'uploaded', attempts: 0, nextAttemptAt: 0, savedAt: Date.parse(stored.updatedAt) || Date.now() };
      return { ...base, state: 'uploaded', body: bodyOfStored(stored), server: stored, version: stored.version };
    });
  }
  if (!complete) return;
  for (const record of await recordsOf(owner)) {
    if (record.villageCode === villageCode && record.roundId === roundId && record.state === 'uploaded' && !record.draft && !listed.has(record.id)) await deleteRecord(owner, record.id);
  }
}

/** The households of one village in one round, newest change first. */
export async function householdsOf(owner: string, roundId: string, villageCode: string): Promise<LocalHousehold[]> {
  return (await recordsOf(owner)).filter((r) => r.roundId === roundId && r.villageCode === villageCode).sort((a, b) => b.savedAt - a.savedAt);
}

export { getRecord, putRecord, recordsOf };
