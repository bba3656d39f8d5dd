// Delete one household response: a tombstone at the next version, so the fold subtracts it and a replay is a no-op.

import type { User } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { canWorkInWard } from '../../access/scope';
import { getOrNotFound, problem } from '../../errors';
import type { ReferenceRepo, ResponsesRepo, StoredResponseItem } from '../../repo/types';
import { roundTree } from '../rounds/round-tree';

export interface DeleteResponseInput {
  id: string;
  /** The If-Match version, when the client sent one: required to delete a live response. */
  ifMatch?: number;
  user: User;
}

export interface DeleteResponseDeps {
  responses: Pick<ResponsesRepo, 'get' | 'markDeleted'>;
  /** The tree of an area set: the response's ward is read in its round's set (with `reference`). */
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
  reference?: Pick<ReferenceRepo, 'getRound'>;
  clock: () => Date;
}

/** Deletes the response, or finds it deleted already; 404 unknown, 403 outside the user's wards, 409 on versions. */
export async function deleteResponse({ id, ifMatch, user }: DeleteResponseInput, { responses, areaTree, reference, clock }: DeleteResponseDeps): Promise<void> {
  const item = getOrNotFound(await responses.get(id));
  const tree = reference ? await roundTree(item.roundId, { reference, areaTree }) : await areaTree();
  if (!canWorkInWard(user, item.wardCode, tree)) throw problem.forbidden();
  // Deleting what is already deleted is a replay: the outcome the client wanted holds.
  if (item.deletedAt) return;
  if (ifMatch === undefined) throw problem.versionRequired(item.version);
  if (ifMatch !== item.version) throw problem.versionConflict(item.version);
  const now = clock().toISOString();
  const tombstone: StoredResponseItem = { ...item, version: item.version + 1, deletedAt: now, updatedAt: now, updatedBy: user.username };
  const written = await responses.markDeleted(tombstone, item.version);
  if (written.ok || written.current?.deletedAt) return;
  throw problem.versionConflict(written.current?.version ?? item.version);
}
