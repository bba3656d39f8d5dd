// Reading one response's history: who may (the collector who wrote it, officials and admins whose areas hold its
// ward), and the entries as the contract gives them. The history follows each write within seconds (the stream).
import type { User } from '@shared/api/contract';
import type { HistoryEntry } from '@shared/history/diff-images';
import { canWorkInWard } from '../../access/scope';
import { getOrNotFound, problem } from '../../errors';
import type { HistoryRepo, ResponsesRepo, StoredHistoryEntry } from '../../repo/types';
import { type RoundScopeDeps, roundReader } from '../rounds/round-scope';

export interface ReadHistoryDeps extends RoundScopeDeps {
  responses: Pick<ResponsesRepo, 'get'>;
  history: Pick<HistoryRepo, 'list'>;
}

/** The contract's entry: what the store keeps, without its keys. */
export function toHistoryEntry({ responseId: _id, key: _key, ...entry }: StoredHistoryEntry): HistoryEntry {
  return entry;
}

/** A response's history, oldest first; 404 unknown, 403 to anyone who may not read it. Deleted responses keep theirs. */
export async function readHistory(id: string, user: User, deps: ReadHistoryDeps): Promise<HistoryEntry[]> {
  const item = getOrNotFound(await deps.responses.get(id));
  // The ward is read in the response's round's set.
  const [reader, entries] = await Promise.all([roundReader(user, item.roundId, deps), deps.history.list(id)]);
  const wrote = item.createdBy === user.username || entries.some((entry) => entry.by === user.username);
  const allowed = user.role === 'collector' ? canWorkInWard(user, item.wardCode, reader.tree) && wrote : reader.mayRead(item.wardCode);
  if (!allowed) throw problem.forbidden();
  return entries.map(toHistoryEntry);
}
