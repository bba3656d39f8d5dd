// Recompute (the recovery path: admin API, CLI, dead-letter replay) of the counters officials read: the live
// generation of the round, counted with the list it counts. Rounds without a counting state count the built-in
// catalogue in generation 1, as the stream does for them.

import { counterFor } from '@shared/aggregation/counter';
import type { CountingsRepo } from '../../repo/types';
import { type RecomputeDeps, type RecomputeReport, recomputeRound } from '../results/recompute';

export interface RecomputeLiveDeps extends RecomputeDeps {
  countings: Pick<CountingsRepo, 'get'>;
}

export async function recomputeLiveCounts(roundId: string, deps: RecomputeLiveDeps): Promise<RecomputeReport> {
  const state = await deps.countings.get(roundId);
  if (!state) return recomputeRound(roundId, deps);
  const counter = counterFor(state.questions, state.live.counted);
  return recomputeRound(roundId, { ...deps, generation: state.live.generation, counter });
}
