// The IndexedDB database behind the outbox. Its name and schema are a promise to every phone that has
// households waiting: a new app version may add stores or indexes in `upgrade`, never drop or rename these.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { LocalHousehold } from './types';

export const DB_NAME = 'phieu';
const DB_VERSION = 1;

interface PhieuDb extends DBSchema {
  households: {
    key: [string, string];
    value: LocalHousehold;
    indexes: { owner: string };
  };
}

let opening: Promise<IDBPDatabase<PhieuDb>> | undefined;

export function db(): Promise<IDBPDatabase<PhieuDb>> {
  opening ??= openDB<PhieuDb>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const households = database.createObjectStore('households', { keyPath: ['owner', 'id'] });
        households.createIndex('owner', 'owner');
      }
    },
    // Another tab opened a newer version: let it upgrade, reopen on next use.
    blocking() {
      void opening?.then((d) => d.close());
      opening = undefined;
    },
  });
  opening.catch(() => (opening = undefined));
  return opening;
}

export async function getRecord(owner: string, id: string): Promise<LocalHousehold | undefined> {
  return (await db()).get('households', [owner, id]);
}

export async function recordsOf(owner: string): Promise<LocalHousehold[]> {
  return (await db()).getAllFromIndex('households', 'owner', owner);
}

export async function allRecords(): Promise<LocalHousehold[]> {
  return (await db()).getAll('households');
}

export async function putRecord(record: LocalHousehold): Promise<void> {
  await (await db()).put('households', record);
  notifyChange();
}

export async function deleteRecord(owner: string, id: string): Promise<void> {
  await (await db()).delete('households', [owner, id]);
  notifyChange();
}

/** Reads, changes and writes one record in one transaction (two tabs never interleave a change). */
export async function updateRecord(
  owner: string,
  id: string,
  change: (record: LocalHousehold | undefined) => LocalHousehold | undefined | null,
): Promise<LocalHousehold | undefined> {
  const tx = (await db()).transaction('households', 'readwrite');
  const current = await tx.store.get([owner, id]);
  const next = change(current);
  if (next === null) await tx.store.delete([owner, id]);
  else if (next) await tx.store.put(next);
  await tx.done;
  if (next !== undefined) notifyChange();
  return next ?? undefined;
}

const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('phieu-outbox') : undefined;
channel?.addEventListener('message', () => {
  for (const listener of listeners) listener();
});

function notifyChange(): void {
  for (const listener of listeners) listener();
  channel?.postMessage('change');
}

/** Called after every change of the outbox (in this tab or another); returns the unsubscribe function. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
