// Recompute (the recovery path: admin API, CLI, dead-letter replay) of the counters officials read: the live
// generation of the round, counted with the list it counts. Rounds without a counting state count the built-in
// catalogue in generation 1, as the stream does for them.

import { counterFor } from '@shared/aggregation/counter';
import type { CountingsRepo } from '../../repo/types';
import type { AreaTreeOf } from '../areas/area-tree';
import { type RecomputeDeps, type RecomputeReport, recomputeRound } from '../results/recompute';
import { type RoundTreeDeps, roundTree } from '../rounds/round-tree';

export interface RecomputeLiveDeps extends Omit<RecomputeDeps, 'areaTree'>, RoundTreeDeps {
  countings: Pick<CountingsRepo, 'get'>;
  /** Any set's tree: the round's wards are read in the set it pins. */
  areaTree: AreaTreeOf;
}

export async function recomputeLiveCounts(roundId: string, deps: RecomputeLiveDeps): Promise<RecomputeReport> {
  const base = { ...deps, areaTree: () => roundTree(roundId, deps) };
  const state = await deps.countings.get(roundId);
  if (!state) return recomputeRound(roundId, base);
  const counter = counterFor(state.questions, state.live.counted);
  return recomputeRound(roundId, { ...base, generation: state.live.generation, counter });
}
