// Likely duplicate households of a ward (recorded twice without a roster code), and the reviewer's decision on each
// pair: merge (keep one, delete the other through the normal tombstone, with the reason recorded) or keep both
// (never listed again). Nothing is merged without that decision.
import type { User } from '@shared/api/contract';
import { type DuplicatePair, likelyDuplicates, pairKey } from '@shared/households/likely-duplicates';
import { problem } from '../../errors';
import type { DuplicatesRepo, HistoryRepo, ResponsesRepo, StoredResponseItem } from '../../repo/types';
import { versionKey } from '../history/record-history';
import { writeTombstone } from '../responses/delete-response';
import { type RoundScopeDeps, roundReader } from '../rounds/round-scope';

export interface DuplicatesDeps extends RoundScopeDeps {
  responses: Pick<ResponsesRepo, 'get' | 'listAllInWard' | 'markDeleted'>;
  duplicates: DuplicatesRepo;
  history: Pick<HistoryRepo, 'append'>;
  clock: () => Date;
}

/** The ward's reviewers: officials whose areas hold it (read in the round's set), and admins. */
async function assertReviewer(user: User, roundId: string, wardCode: string, deps: DuplicatesDeps) {
  if (!(await roundReader(user, roundId, deps)).mayRead(wardCode)) throw problem.forbidden('wardCode');
}

export interface ListedPair extends DuplicatePair {
  households: Record<
    string,
    Pick<StoredResponseItem, 'id' | 'villageCode' | 'createdBy' | 'createdAt' | 'channel'> & { headName: string; address: string; phone?: string }
  >;
}

/** The ward's likely duplicate pairs that nobody has decided on yet. */
export async function listDuplicates(roundId: string, wardCode: string, user: User, deps: DuplicatesDeps): Promise<ListedPair[]> {
  await assertReviewer(user, roundId, wardCode, deps);
  const live = new Map<string, StoredResponseItem>();
  for await (const item of deps.responses.listAllInWard(roundId, wardCode)) if (!item.deletedAt) live.set(item.id, item);
  const kept = new Set((await deps.duplicates.listKept(roundId, wardCode)).map((pair) => pair.pair));
  const candidates = [...live.values()].map((item) => ({
    id: item.id,
    villageCode: item.villageCode,
    householdCode: item.householdCode,
    headName: item.household.head_name,
    address: item.household.address,
    phone: item.household.phone,
  }));
  const summary = (item: StoredResponseItem) => ({
    id: item.id,
    villageCode: item.villageCode,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    channel: item.channel,
    headName: item.household.head_name,
    address: item.household.address,
    ...(item.household.phone ? { phone: item.household.phone } : {}),
  });
  return likelyDuplicates(candidates, kept).map((pair) => ({
    ...pair,
    households: { [pair.a]: summary(live.get(pair.a)!), [pair.b]: summary(live.get(pair.b)!) },
  }));
}

export interface Resolution {
  roundId: string;
  wardCode: string;
  a: string;
  b: string;
  decision: 'merge' | 'keep';
  /** For a merge: the response that stays (the other is deleted). */
  keepId?: string;
  reason?: string;
}

/** Applies a reviewer's decision on one pair; both responses must be live responses of that ward and round. */
export async function resolveDuplicate(resolution: Resolution, user: User, deps: DuplicatesDeps): Promise<void> {
  const { roundId, wardCode, a, b, decision } = resolution;
  await assertReviewer(user, roundId, wardCode, deps);
  if (a === b) throw problem.invalidField('b', 'validation.invalid_value', { values: 'a ≠ b' });
  const items = await Promise.all([a, b].map((id) => deps.responses.get(id)));
  for (const [index, item] of items.entries())
    if (!item || item.deletedAt || item.roundId !== roundId || item.wardCode !== wardCode)
      throw problem.invalidField(index === 0 ? 'a' : 'b', 'error.not_found');
  const now = deps.clock();
  if (decision === 'merge') {
    const keepId = resolution.keepId;
    if (keepId !== a && keepId !== b) throw problem.invalidField('keepId', 'validation.invalid_value', { values: `${a}, ${b}` });
    const dropped = items.find((item) => item!.id !== keepId)!;
    const why = `duplicate of ${keepId}${resolution.reason ? `: ${resolution.reason}` : ''}`;
    await writeTombstone(deps.responses, dropped, user.username, now, why);
    return;
  }
  const at = now.toISOString();
  await deps.duplicates.putKept({ roundId, wardCode, pair: pairKey(a, b), by: user.username, at });
  // The decision goes into both households' histories, beside the version it was taken on.
  await deps.history.append(
    items.map((item) => {
      const other = item!.id === a ? b : a;
      return {
        responseId: item!.id,
        key: `${versionKey(item!.version)}#not_duplicate#${other}`,
        version: item!.version,
        at,
        by: user.username,
        action: 'not_duplicate' as const,
        changes: [],
        reason: `not a duplicate of ${other}${resolution.reason ? `: ${resolution.reason}` : ''}`,
      };
    }),
  );
}
