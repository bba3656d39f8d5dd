// The area tree (province → town → ward → village) every scope check reads, built from the reference data.
import { AreaTree } from '@shared/areas/areas';
import type { ReferenceRepo } from '../../repo/types';

/** Areas change rarely: keep the tree for a short while instead of reading it on every request. */
export function cachedAreaTree(reference: Pick<ReferenceRepo, 'listAreas'>, clock: () => Date, ttlMs = 60_000): () => Promise<AreaTree> {
  let cached: { tree: AreaTree; at: number } | undefined;
  return async () => {
    const now = clock().getTime();
    if (!cached || now - cached.at > ttlMs) cached = { tree: new AreaTree(await reference.listAreas()), at: now };
    return cached.tree;
  };
}
