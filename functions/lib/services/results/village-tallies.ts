// Counters per village of the few old wards a mapping splits by villages, counted from the round's responses
// when figures are re-based. The aggregates hold ward rows only; folding village rows too would double every
// fold's writes for every round for the sake of a handful of wards, once. Counting here reads just those
// wards' responses (one Query each, the recompute's byRoundWard read) with the counter the stream uses for the
// round's live generation, so each village's counters are exactly what its responses add up to.
import { CATALOGUE_COUNTER, contributionOf } from '@shared/aggregation/fold';
import { imageInGeneration } from '@shared/aggregation/generations';
import { addTallyInto, type Tally } from '@shared/indicators/tally';
import { type ReviewState, reviewStateOf, SUBMITTED_STATES } from '@shared/review/review';
import type { CountingsRepo, ResponsesRepo } from '../../repo/types';
import { cachedCounters } from '../indicators/fold-targets';

export interface VillageTalliesDeps {
  responses: Pick<ResponsesRepo, 'listAllInWard'>;
  countings: Pick<CountingsRepo, 'get'>;
}

const counters = cachedCounters();

/**
 * Per village of `wardCodes`, the summed counters of the round's live responses there in the review states the
 * round's count policy counts (villages without any: absent).
 */
export async function villageTallies(
  roundId: string,
  wardCodes: readonly string[],
  deps: VillageTalliesDeps,
  states: readonly ReviewState[] = SUBMITTED_STATES,
): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>();
  if (wardCodes.length === 0) return out;
  // The stream's counter: a stored state's live list, else the built-in catalogue (rounds without a state).
  const state = await deps.countings.get(roundId);
  const counter = state ? counters(state.questions, state.live.counted) : CATALOGUE_COUNTER;
  const generation = state?.live.generation ?? 1;
  await Promise.all(
    wardCodes.map(async (wardCode) => {
      for await (const stored of deps.responses.listAllInWard(roundId, wardCode)) {
        if (!states.includes(reviewStateOf(stored.review))) continue;
        const contribution = contributionOf(imageInGeneration(stored, generation), counter);
        if (!contribution) continue;
        const sum = out.get(stored.villageCode);
        if (sum) addTallyInto(sum, contribution.tally);
        else out.set(stored.villageCode, addTallyInto({ ...counter.zero }, contribution.tally));
      }
    }),
  );
  return out;
}
