// The area tree a round's wards and villages are read in: the tree of the area set the round pins.
import type { AreaTree } from '@shared/areas/areas';
import type { ReferenceRepo } from '../../repo/types';

export interface RoundTreeDeps {
  reference: Pick<ReferenceRepo, 'getRound'>;
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
}

/** The tree of the round's set; the installation's own for an unknown round (its checks then fail as before). */
export async function roundTree(roundId: string, deps: RoundTreeDeps): Promise<AreaTree> {
  const round = await deps.reference.getRound(roundId);
  return deps.areaTree(round?.areaSetId);
}
