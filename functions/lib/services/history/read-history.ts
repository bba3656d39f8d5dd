// Reading one response's history: who may (the collector who wrote it, officials and admins whose areas hold its
// ward), and the entries as the contract gives them. The history follows each write within seconds (the stream).
import type { User } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import type { HistoryEntry } from '@shared/history/diff-images';
import { canReadAggregatesOf, canWorkInWard } from '../../access/scope';
import { getOrNotFound, problem } from '../../errors';
import type { HistoryRepo, ResponsesRepo, StoredHistoryEntry } from '../../repo/types';

export interface ReadHistoryDeps {
  responses: Pick<ResponsesRepo, 'get'>;
  history: Pick<HistoryRepo, 'list'>;
  areaTree: () => Promise<AreaTree>;
}

/** The contract's entry: what the store keeps, without its keys. */
export function toHistoryEntry({ responseId: _id, key: _key, ...entry }: StoredHistoryEntry): HistoryEntry {
  return entry;
}

/** A response's history, oldest first; 404 unknown, 403 to anyone who may not read it. Deleted responses keep theirs. */
export async function readHistory(id: string, user: User, { responses, history, areaTree }: ReadHistoryDeps): Promise<HistoryEntry[]> {
  const item = getOrNotFound(await responses.get(id));
  const tree = await areaTree();
  const entries = await history.list(id);
  const wrote = item.createdBy === user.username || entries.some((entry) => entry.by === user.username);
  const allowed = user.role === 'collector' ? canWorkInWard(user, item.wardCode, tree) && wrote : canReadAggregatesOf(user, item.wardCode, tree);
  if (!allowed) throw problem.forbidden();
  return entries.map(toHistoryEntry);
}
