// The outbox as pages see it: a village's households on this phone, what still waits, the upload status;
// re-read on every change (in this tab or another) and when the network comes and goes.
import { useEffect, useState } from 'preact/hooks';
import { onOutboxChange, recordsOf } from './db';
import { isDraft, isWaiting, needsAttention } from './find-households';
import { householdsOf } from './store';
import { onSyncStatus, type SyncStatus, syncStatus } from './sync';
import { isUnsent, type LocalHousehold } from './types';

function useOutboxQuery<T>(query: () => Promise<T>, initial: T, inputs: unknown[]): T {
  const [value, setValue] = useState<T>(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `inputs` are what `query` reads; the query itself is a new closure each render and must not re-subscribe.
  useEffect(() => {
    let live = true;
    const run = () =>
      void query().then(
        (v) => live && setValue(v),
        () => undefined,
      );
    run();
    const off = onOutboxChange(run);
    return () => {
      live = false;
      off();
    };
  }, [...inputs]);
  return value;
}

/** The households of one village on this phone; undefined until first read. */
export function useVillageHouseholds(owner: string, roundId: string, villageCode: string): LocalHousehold[] | undefined {
  return useOutboxQuery(() => householdsOf(owner, roundId, villageCode), undefined as LocalHousehold[] | undefined, [owner, roundId, villageCode]);
}

export interface OutboxCounts {
  /** Complete answers or deletes waiting to upload. */
  waiting: number;
  /** Started and not finished (a new household, or changes not yet saved with "Lưu phiếu"). */
  drafts: number;
  /** Rejected or in conflict: need the collector. */
  attention: number;
  /** Anything the server does not have (drafts included): what logging out would leave behind. */
  unsent: number;
}

export function countsOf(records: readonly LocalHousehold[]): OutboxCounts {
  return {
    waiting: records.filter(isWaiting).length,
    drafts: records.filter(isDraft).length,
    attention: records.filter(needsAttention).length,
    unsent: records.filter(isUnsent).length,
  };
}

export function useOutboxCounts(owner: string | undefined): OutboxCounts {
  return useOutboxQuery(async () => countsOf(owner ? await recordsOf(owner) : []), { waiting: 0, drafts: 0, attention: 0, unsent: 0 }, [owner]);
}

export function useSyncStatus(): SyncStatus {
  const [status, setStatus] = useState(syncStatus);
  useEffect(() => onSyncStatus(setStatus), []);
  return status;
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine !== false);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine !== false);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}
