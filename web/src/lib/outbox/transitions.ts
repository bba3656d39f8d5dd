// The outbox's rules as pure functions: what a household kept on the phone becomes after an event (a draft
// typed, answers committed, a delete queued, an upload answered, the server's list read). store.ts and
// sync.ts only read, apply and write these inside one IndexedDB transaction; no I/O here, so the rules are
// tested without IndexedDB or a network.
import type { StoredResponse } from '@shared/api/contract';
import type { ResponseBody } from '@shared/survey/schema';
import type { FormState, ResponseTarget } from '../household-form';
import { backoffDelay, bodyOfStored, sameBody } from './classify';
import type { LocalHousehold, Rejection } from './types';

/** The next record: a record to write, `undefined` to leave it as it is, `null` to forget it. */
export type Next = LocalHousehold | undefined | null;

/** Sent bodies remembered per household while their answers are missing. */
export const MAX_UNCONFIRMED = 5;

export function freshRecord(owner: string, id: string, target: ResponseTarget, now: number): LocalHousehold {
  return { owner, id, ...target, state: 'draft', attempts: 0, nextAttemptAt: 0, savedAt: now };
}

/** Unfinished answers as typed; anything waiting to upload stays as it was. */
export function draftSaved(current: LocalHousehold | undefined, owner: string, id: string, target: ResponseTarget, draft: FormState, now: number): Next {
  return { ...(current ?? freshRecord(owner, id, target, now)), draft, savedAt: now };
}

/** Unfinished answers dropped: a household never completed disappears, otherwise the completed answers stay. */
export function draftDiscarded(current: LocalHousehold | undefined): Next {
  if (!current) return undefined;
  if (current.state === 'draft') return null;
  const { draft: _dropped, ...rest } = current;
  // The server moved on while the draft was kept: with the draft gone, the phone takes the newer copy.
  const { server } = rest;
  if (rest.state === 'uploaded' && server && server.version !== rest.version) return { ...rest, body: bodyOfStored(server), version: server.version };
  return rest;
}

/** Completed answers: waiting to upload (at the version the phone last saw). */
export function answersCommitted(
  current: LocalHousehold | undefined,
  owner: string,
  id: string,
  target: ResponseTarget,
  body: ResponseBody,
  now: number,
): Next {
  const base = current ?? freshRecord(owner, id, target, now);
  const { draft: _done, rejection: _old, deleting: _no, ...rest } = base;
  // A conflict stays a conflict until the collector chooses; the new answers become "mine".
  const state = base.state === 'conflict' ? 'conflict' : 'pending';
  return { ...rest, ...target, state, body, attempts: 0, nextAttemptAt: 0, savedAt: now };
}

/**
 * A delete queued; a household the server never had is simply forgotten. One whose upload went out without
 * an answer (lost, or still on its way) may be on the server: the delete waits, and the uploader asks first.
 */
export function deleteQueued(current: LocalHousehold | undefined, now: number): Next {
  if (!current) return undefined;
  if (current.version === undefined && !current.unconfirmed?.length && !current.server && !current.theirs) return null;
  const { draft: _d, rejection: _r, ...rest } = current;
  return { ...rest, state: 'pending', deleting: true, attempts: 0, nextAttemptAt: 0, savedAt: now };
}

/** The collector's choice in a conflict: re-send mine over theirs, or take theirs and drop mine. */
export function conflictResolved(current: LocalHousehold | undefined, keep: 'mine' | 'theirs', now: number): Next {
  if (!current?.theirs) return undefined;
  const { theirs, rejection: _r, draft: _d, ...rest } = current;
  if (keep === 'theirs')
    return {
      ...rest,
      state: 'uploaded',
      deleting: undefined,
      body: bodyOfStored(theirs),
      server: theirs,
      version: theirs.version,
      attempts: 0,
      nextAttemptAt: 0,
      savedAt: now,
    };
  return { ...rest, state: 'pending', version: theirs.version, server: theirs, attempts: 0, nextAttemptAt: 0, savedAt: now };
}

/**
 * The server listed this household. With something unsent (answers or a draft) the phone keeps its answers and
 * the version they were based on; only `server` moves, so uploading them meets a 409 and the collector chooses.
 */
export function serverCopySeen(
  current: LocalHousehold | undefined,
  owner: string,
  stored: StoredResponse,
  where: { villageCode: string; roundId: string },
  now: number,
): Next {
  if (current && (current.state !== 'uploaded' || current.draft))
    return current.server?.version === stored.version ? undefined : { ...current, server: stored };
  if (current?.version === stored.version && current.server?.version === stored.version) return undefined;
  const base: LocalHousehold = current ?? {
    owner,
    id: stored.id,
    roundId: where.roundId,
    wardCode: stored.wardCode,
    villageCode: where.villageCode,
    state: 'uploaded',
    attempts: 0,
    nextAttemptAt: 0,
    savedAt: Date.parse(stored.updatedAt) || now,
  };
  return { ...base, state: 'uploaded', body: bodyOfStored(stored), server: stored, version: stored.version };
}

/** After a complete listing: an uploaded household of that village the server no longer lists was deleted elsewhere. */
export function goneFromListing(record: LocalHousehold, where: { villageCode: string; roundId: string }, listed: ReadonlySet<string>): boolean {
  return record.villageCode === where.villageCode && record.roundId === where.roundId && record.state === 'uploaded' && !record.draft && !listed.has(record.id);
}

/** An upload about to go: its body is remembered until an answer comes (a lost answer is recognised later). */
export function uploadSent(r: LocalHousehold | undefined, body: ResponseBody): Next {
  return r && { ...r, unconfirmed: [...(r.unconfirmed ?? []).filter((b) => !sameBody(b, body)), body].slice(-MAX_UNCONFIRMED) };
}

/** The server took `body` at `version`. Changed again while uploading: stays waiting, based on the version just written. */
export function uploadAccepted(r: LocalHousehold | undefined, owner: string, body: ResponseBody, version: number, nowIso: string): Next {
  if (!r) return undefined;
  const changed = !sameBody(r.body, body) || r.deleting;
  const server: StoredResponse = {
    ...(r.server ?? { channel: 'collector' as const, createdBy: owner, createdAt: nowIso }),
    ...body,
    id: r.id,
    version,
    updatedAt: nowIso,
  };
  // A new version from the collector sends a reviewed household back for review (the server's rule).
  if (server.review && server.review.state !== 'submitted' && version !== r.server?.version) server.review = { state: 'submitted' };
  return { ...r, version, server, unconfirmed: undefined, attempts: 0, nextAttemptAt: 0, rejection: undefined, state: changed ? 'pending' : 'uploaded' };
}

/** A failure worth retrying: one more attempt counted, the next one later (exponential backoff). */
export function retryScheduled(r: LocalHousehold | undefined, now: number, random?: () => number): Next {
  return r && { ...r, attempts: r.attempts + 1, nextAttemptAt: now + backoffDelay(r.attempts + 1, random) };
}

/** Someone else's version is on the server: the collector chooses. */
export function conflictFound(r: LocalHousehold | undefined, theirs: StoredResponse): Next {
  return r && { ...r, state: 'conflict', theirs, server: theirs };
}

/** The server holds a body this phone sent: carry on from its version (done when it is the current answers). */
export function rebasedOnOwnUpload(r: LocalHousehold | undefined, theirs: StoredResponse, done: boolean): Next {
  return r && { ...r, version: theirs.version, server: theirs, unconfirmed: undefined, state: done ? 'uploaded' : 'pending', nextAttemptAt: 0 };
}

/** The server refused the answers. Refused while a delete was queued behind them: the delete still goes. */
export function uploadRejected(r: LocalHousehold | undefined, sentWasDelete: boolean, rejection: Rejection): Next {
  if (!r) return undefined;
  if (r.deleting && !sentWasDelete) return { ...r, state: 'pending', nextAttemptAt: 0 };
  return { ...r, state: 'rejected', rejection };
}

/** Whether the server's copy holds answers this phone sent (its current body or an unconfirmed upload). */
export function holdsOurAnswers(record: Pick<LocalHousehold, 'body' | 'unconfirmed'>, theirs: StoredResponse, includeCurrent = true): boolean {
  const theirBody = bodyOfStored(theirs);
  return (includeCurrent && sameBody(record.body, theirBody)) || Boolean(record.unconfirmed?.some((sent) => sameBody(sent, theirBody)));
}

/**
 * What a 409 means once the server's copy is read: our own earlier upload whose answer was lost (`uploaded` when
 * it is exactly the current answers, else `resend` from its version, once), or a real `conflict`.
 */
export function afterConflictRead(
  record: Pick<LocalHousehold, 'body' | 'unconfirmed' | 'deleting'>,
  theirs: StoredResponse,
  alreadyRebased: boolean,
): 'uploaded' | 'resend' | 'conflict' {
  if (!holdsOurAnswers(record, theirs, false) || record.deleting || alreadyRebased) return 'conflict';
  return sameBody(record.body, bodyOfStored(theirs)) ? 'uploaded' : 'resend';
}

/**
 * The collector drops answers the server refused because another response already counts the household: a
 * household the server never had is forgotten; an uploaded one goes back to the server's copy.
 */
export function refusedAnswersDropped(current: LocalHousehold | undefined, now: number): Next {
  if (!current) return undefined;
  if (current.version === undefined || !current.server) return null;
  const { rejection: _r, draft: _d, deleting: _x, theirs: _t, ...rest } = current;
  return { ...rest, state: 'uploaded', body: bodyOfStored(current.server), version: current.server.version, attempts: 0, nextAttemptAt: 0, savedAt: now };
}
