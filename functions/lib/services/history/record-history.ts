// The history of responses, appended from the stream: each change record's two images become one entry (who,
// when, which answers changed from what to what). The stream delivers every version at least once; each entry is
// written only if new, so a replayed batch appends nothing twice.
import type { ChangeRecord } from '@shared/aggregation/fold';
import { historyEntryOf } from '@shared/history/diff-images';
import type { HistoryRepo, StoredHistoryEntry } from '../../repo/types';

/** Sort key of a version's entry: zero-padded so the entries of a response read in version order. */
export function versionKey(version: number): string {
  return String(version).padStart(9, '0');
}

/** The entries a batch of change records makes (none for a record that changed no version). */
export function historyEntriesOf(records: readonly ChangeRecord[]): StoredHistoryEntry[] {
  const entries: StoredHistoryEntry[] = [];
  for (const { oldImage, newImage } of records) {
    const entry = historyEntryOf(oldImage as never, newImage as never);
    if (entry && newImage) entries.push({ responseId: newImage.id, key: versionKey(entry.version), ...entry });
  }
  return entries;
}

export async function recordHistory(records: readonly ChangeRecord[], history: Pick<HistoryRepo, 'append'>): Promise<void> {
  const entries = historyEntriesOf(records);
  if (entries.length > 0) await history.append(entries);
}
