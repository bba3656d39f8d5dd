// Uploads what waits in the outbox: by itself when the network returns, when the app opens, after every
// save, and on the collector's button; with backoff per household. A retry never makes a second household:
// ids are client UUIDs and PUT is idempotent. A 401 stops everything and keeps everything.
import { ApiError, api } from '../platform/api';
import { loadSession } from '../platform/storage';
import { classifyFailure } from './classify';
import { deleteRecord, getRecord, recordsOf, updateRecord } from './db';
import {
  afterConflictRead,
  conflictFound,
  holdsOurAnswers,
  rebasedOnOwnUpload,
  retryScheduled,
  uploadAccepted,
  uploadRejected,
  uploadSent,
} from './transitions';
import type { LocalHousehold } from './types';

/** `lastFailure`: why the last upload that will be retried did not go (cleared by the next one that goes). */
export type SyncStatus = { running: boolean; needsSignIn: boolean; lastFailure?: { status: number; code: string } };

let status: SyncStatus = { running: false, needsSignIn: false };
const statusListeners = new Set<(s: SyncStatus) => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> | undefined;
let again = false;

function setStatus(next: Partial<SyncStatus>) {
  status = { ...status, ...next };
  for (const listener of statusListeners) listener(status);
}

export function syncStatus(): SyncStatus {
  return status;
}

export function onSyncStatus(listener: (s: SyncStatus) => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

function currentOwner(): string | undefined {
  return loadSession()?.user.username;
}

/** Uploads every household that is due (all of them when `force`, the button); resolves when done. */
export function syncNow(force = false): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await runOnce(force);
      } while (again);
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/** One upload run across this browser's tabs (Web Locks where available); duplicate PUTs would be harmless, only wasteful. */
function exclusively(run: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  return locks ? locks.request('phieu-outbox-upload', run).then(() => undefined) : run();
}

async function runOnce(force: boolean) {
  const owner = currentOwner();
  if (!owner || (typeof navigator !== 'undefined' && navigator.onLine === false)) return;
  await exclusively(() => uploadDue(owner, force));
}

async function uploadDue(owner: string, force: boolean) {
  setStatus({ running: true, needsSignIn: false });
  try {
    const waiting = (await recordsOf(owner)).filter((r) => r.state === 'pending').sort((a, b) => a.savedAt - b.savedAt);
    for (const record of waiting) {
      if (!force && record.nextAttemptAt > Date.now()) continue;
      if ((await uploadOne(owner, record.id)) === 'signin') {
        setStatus({ needsSignIn: true });
        return;
      }
    }
  } finally {
    setStatus({ running: false });
    await scheduleNext(owner);
  }
}

async function scheduleNext(owner: string) {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const due = (await recordsOf(owner)).filter((r) => r.state === 'pending').map((r) => r.nextAttemptAt);
  if (due.length === 0) return;
  timer = setTimeout(() => void syncNow(), Math.max(500, Math.min(...due) - Date.now()));
}

const rebased = new Set<string>();

type UploadOutcome = 'uploaded' | 'retry' | 'signin' | 'conflict' | 'rejected' | 'gone';

/** Uploads one waiting household (its answers or its delete) and records the outcome on the phone. */
export async function uploadOne(owner: string, id: string): Promise<UploadOutcome> {
  const record = await getRecord(owner, id);
  if (record?.state !== 'pending') return 'gone';
  try {
    if (record.deleting) return await uploadDelete(owner, record);
    const body = record.body!;
    await updateRecord(owner, id, (r) => uploadSent(r, body));
    const result = await api.putResponse(id, body, record.version);
    await updateRecord(owner, id, (r) => uploadAccepted(r, owner, body, result.version, new Date().toISOString()));
    if (status.lastFailure) setStatus({ lastFailure: undefined });
    return 'uploaded';
  } catch (error) {
    return failed(owner, record, error);
  }
}

/**
 * A delete. Without a version (the upload's answer never came, or it was still on its way) the server is
 * asked first: not there → nothing to delete; there with a body this phone sent → deleted at that version;
 * there with someone else's answers → a conflict, the collector chooses.
 */
async function uploadDelete(owner: string, record: LocalHousehold): Promise<UploadOutcome> {
  let version = record.version;
  if (version === undefined) {
    let current;
    try {
      current = await api.getResponse(record.id);
    } catch (readError) {
      if (!(readError instanceof ApiError && readError.status === 404)) throw readError;
      await deleteRecord(owner, record.id);
      return 'uploaded';
    }
    if (!holdsOurAnswers(record, current)) {
      await updateRecord(owner, record.id, (r) => conflictFound(r, current));
      return 'conflict';
    }
    version = current.version;
  }
  try {
    await api.deleteResponse(record.id, version);
  } catch (error) {
    // Already deleted, or no longer there: what the collector wanted holds.
    if (!(error instanceof ApiError && (error.status === 404 || error.code === 'deleted'))) throw error;
  }
  await deleteRecord(owner, record.id);
  return 'uploaded';
}

async function failed(owner: string, record: LocalHousehold, error: unknown): Promise<UploadOutcome> {
  const apiError = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
  const kind = classifyFailure(apiError.status, apiError.code);
  if (kind === 'signin') return 'signin';
  if (kind === 'retry') {
    await updateRecord(owner, record.id, (r) => retryScheduled(r, Date.now()));
    setStatus({ lastFailure: { status: apiError.status, code: apiError.code } });
    return 'retry';
  }
  if (kind === 'conflict') {
    let theirs;
    try {
      theirs = await api.getResponse(record.id);
    } catch (readError) {
      if (readError instanceof ApiError && readError.status === 404) {
        return reject(owner, record, new ApiError(409, 'deleted', apiError.message));
      }
      // Cannot read their version now: try the whole upload again later.
      await updateRecord(owner, record.id, (r) => retryScheduled(r, Date.now()));
      return 'retry';
    }
    // The server holds a body we sent whose answer was lost: our own upload, not someone else's. Carry on
    // from its version (once: a second 409 is a real conflict).
    const unconfirmed = (await getRecord(owner, record.id))?.unconfirmed;
    const next = afterConflictRead({ body: record.body, deleting: record.deleting, unconfirmed }, theirs, rebased.has(record.id));
    if (next !== 'conflict') {
      await updateRecord(owner, record.id, (r) => rebasedOnOwnUpload(r, theirs, next === 'uploaded'));
      if (next === 'uploaded') return 'uploaded';
      rebased.add(record.id);
      try {
        return await uploadOne(owner, record.id);
      } finally {
        rebased.delete(record.id);
      }
    }
    await updateRecord(owner, record.id, (r) => conflictFound(r, theirs));
    return 'conflict';
  }
  return reject(owner, record, apiError);
}

async function reject(owner: string, record: LocalHousehold, error: ApiError): Promise<UploadOutcome> {
  // Answers refused while a delete was queued behind them: the delete still goes (it asks the server first).
  await updateRecord(owner, record.id, (r) =>
    uploadRejected(r, Boolean(record.deleting), {
      status: error.status,
      code: error.code,
      message: error.message,
      issues: error.issues,
      existingId: error.existingId,
    }),
  );
  return 'rejected';
}

let started = false;

/** Starts uploading by itself: now, whenever the network returns, and when the app comes back to view. */
export function startAutoSync(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  addEventListener('online', () => void syncNow(true));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void syncNow());
  void syncNow();
}
