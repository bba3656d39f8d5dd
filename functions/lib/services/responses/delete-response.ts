// Delete one household response: a tombstone at the next version, so the fold subtracts it and a replay is a no-op.
// The household's claim goes with it (the repository releases it in the same write), so it can be answered again.

import type { User } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { canWorkInWard } from '../../access/scope';
import { getOrNotFound, problem } from '../../errors';
import type { ReferenceRepo, ResponsesRepo, StoredResponseItem } from '../../repo/types';
import { correctionOf, requireRound } from '../rounds/require-round';
import { userActor } from './put-response';

export interface DeleteResponseInput {
  id: string;
  /** The If-Match version, when the client sent one: required to delete a live response. */
  ifMatch?: number;
  user: User;
  /** Why: required from an admin once the round is no longer open; recorded in the history. */
  reason?: string;
}

export interface DeleteResponseDeps {
  responses: Pick<ResponsesRepo, 'get' | 'markDeleted'>;
  reference: Pick<ReferenceRepo, 'getRound'>;
  /** The tree of an area set: the response's ward is read in its round's set. */
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
  clock: () => Date;
}

/**
 * Deletes the response, or finds it deleted already; 404 unknown, 403 outside the user's wards or (for a
 * collector) once the round is closed, 409 on versions.
 */
export async function deleteResponse(
  { id, ifMatch, user, reason }: DeleteResponseInput,
  { responses, reference, areaTree, clock }: DeleteResponseDeps,
): Promise<void> {
  const item = getOrNotFound(await responses.get(id));
  const round = await requireRound(reference, item.roundId);
  if (!canWorkInWard(user, item.wardCode, await areaTree(round.areaSetId))) throw problem.forbidden();
  // Deleting what is already deleted is a replay: the outcome the client wanted holds.
  if (item.deletedAt) return;
  // A closed round: only an admin's correction with its reason (403 / 400 otherwise).
  correctionOf(round, clock(), userActor(user), reason);
  if (ifMatch === undefined) throw problem.versionRequired(item.version);
  if (ifMatch !== item.version) throw problem.versionConflict(item.version);
  await writeTombstone(responses, item, user.username, clock(), reason);
}

/** Writes the tombstone of a live response at its version (a merged duplicate comes here too, with its reason). */
export async function writeTombstone(
  responses: Pick<ResponsesRepo, 'markDeleted'>,
  item: StoredResponseItem,
  by: string,
  at: Date,
  reason?: string,
): Promise<void> {
  const now = at.toISOString();
  const version = item.version + 1;
  const tombstone: StoredResponseItem = {
    ...item,
    version,
    deletedAt: now,
    updatedAt: now,
    updatedBy: by,
    ...(reason?.trim() ? { changeReason: { reason: reason.trim(), version } } : {}),
  };
  const written = await responses.markDeleted(tombstone, item.version);
  if (written.ok || written.current?.deletedAt) return;
  throw problem.versionConflict(written.current?.version ?? item.version);
}
