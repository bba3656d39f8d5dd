// Household responses as the collector pages use them: list, load, save, delete. Saving and deleting go
// through the outbox on the phone (IndexedDB) first, then upload; the pages never talk to the API for
// them, so nothing entered is lost when the network, the tab or the session goes away.
import type { StoredResponse } from '@shared/api/contract';
import type { ResponseBody } from '@shared/survey/schema';
import type { FormState, ResponseTarget } from '../household-form';
import { api } from '../platform/api';
import { loadSession } from '../platform/storage';
import { allRecords, updateRecord } from './db';
import { commitAnswers, discardDraft, getRecord, queueDelete, rememberServerPage, resolveConflict, saveDraft } from './store';
import { syncNow, uploadOne } from './sync';
import { refusedAnswersDropped } from './transitions';
import { isUnsent, type LocalHousehold } from './types';

export interface SaveRequest {
  id: string;
  target: ResponseTarget;
  body: ResponseBody;
}

/** Where a saved household stands right after saving. */
export type SaveResult = Pick<LocalHousehold, 'state' | 'rejection' | 'theirs'> & { id: string };

/**
 * How long a save waits for its upload before answering "kept on the phone, uploading": short, so the form closes
 * at once whatever the server's speed; a quick refusal or conflict is still shown on the form, at the door.
 */
const SAVE_WAIT_MS = 1_000;
/** A delete waits longer for its answer: the list row says whether it is gone or queued. */
const UPLOAD_WAIT_MS = 8_000;

function owner(): string {
  const session = loadSession();
  if (!session) throw new Error('not signed in');
  return session.user.username;
}

function settle<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]);
}

/** Keeps the answers on the phone, then tries to upload them at once; resolves with where they stand. */
export async function saveResponse({ id, target, body }: SaveRequest): Promise<SaveResult> {
  const who = owner();
  await commitAnswers(who, id, target, body);
  // Through the uploader (one upload at a time): it goes on after the form has closed.
  const uploading = syncNow();
  if (navigator.onLine !== false) await settle(uploading, SAVE_WAIT_MS);
  const record = await getRecord(who, id);
  return { id, state: record?.state ?? 'pending', rejection: record?.rejection, theirs: record?.theirs };
}

/** Queues the delete on the phone and tries it at once; true when the server has it too. */
export async function deleteResponse(id: string): Promise<boolean> {
  const who = owner();
  const queued = await queueDelete(who, id);
  if (!queued) return true;
  if (navigator.onLine !== false) await settle(uploadOne(who, id), UPLOAD_WAIT_MS);
  void syncNow();
  return !(await getRecord(who, id));
}

/** Half-done answers, kept as they are typed. */
export function keepDraft(id: string, target: ResponseTarget, draft: FormState) {
  return saveDraft(owner(), id, target, draft);
}

export function dropDraft(id: string) {
  return discardDraft(owner(), id);
}

/** Drops answers refused because another response already counts the household (see refusedAnswersDropped). */
export function dropRefusedAnswers(id: string) {
  return updateRecord(owner(), id, (current) => refusedAnswersDropped(current, Date.now()));
}

/** The phone's copy first (it may hold unsent changes); the server's when the phone has none. */
export async function loadHousehold(id: string): Promise<LocalHousehold | undefined> {
  return getRecord(owner(), id);
}

export function loadResponse(id: string) {
  return api.getResponse(id);
}

/** One page of the server's list, remembered on the phone for offline use. */
export async function listResponses(query: { roundId: string; wardCode: string; villageCode: string; cursor?: string }) {
  const page = await api.listResponses(query);
  await rememberServerPage(owner(), query.villageCode, query.roundId, page.responses, !query.cursor && !page.cursor);
  return page;
}

/** A household read from the server (no copy on the phone yet): remembered, so its version is known. */
export async function rememberStored(stored: StoredResponse): Promise<LocalHousehold | undefined> {
  await rememberServerPage(owner(), stored.villageCode, stored.roundId, [stored], false);
  return getRecord(owner(), stored.id);
}

/** The collector's choice in a conflict. Keeping mine uploads it over theirs, at their version. */
export async function chooseInConflict(id: string, keep: 'mine' | 'theirs'): Promise<void> {
  await resolveConflict(owner(), id, keep);
}

/** Accounts with households on this phone that the server does not have yet, and how many each. */
export async function unsentByAccount(): Promise<[string, number][]> {
  const counts = new Map<string, number>();
  for (const r of await allRecords()) if (isUnsent(r)) counts.set(r.owner, (counts.get(r.owner) ?? 0) + 1);
  return [...counts];
}
