// Recompute (the recovery path: admin API, CLI, dead-letter replay) of the counters officials read: the live
// generation of the round, counted with the list it counts. Rounds without a counting state count the built-in
// catalogue in generation 1, as the stream does for them.
import type { CountingsRepo } from '../../repo/types';
import { type RecomputeDeps, type RecomputeReport, recomputeRound } from '../results/recompute';
import type { PublishedDefinitions } from '../surveys/published-definitions';
import { cachedCounters } from './fold-targets';

export interface RecomputeLiveDeps extends RecomputeDeps {
  countings: Pick<CountingsRepo, 'get'>;
  definitions: PublishedDefinitions;
}

export async function recomputeLiveCounts(roundId: string, deps: RecomputeLiveDeps): Promise<RecomputeReport> {
  const state = await deps.countings.get(roundId);
  if (!state) return recomputeRound(roundId, deps);
  const counter = await cachedCounters(deps.definitions)(state.surveyId, state.surveyVersion, state.live.counted);
  return recomputeRound(roundId, { ...deps, generation: state.live.generation, counter });
}
