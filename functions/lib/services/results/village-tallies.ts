// Counters per village of the few old wards a mapping splits by villages, counted from the round's responses
// when figures are re-based. The aggregates hold ward rows only; folding village rows too would double every
// fold's writes for every round for the sake of a handful of wards, once. Counting here reads just those
// wards' responses (one Query each, the recompute's byRoundWard read) with the counter the stream uses for the
// round's live generation, so each village's counters are exactly what its responses add up to. One pass
// counts every review state apart (the stream's buckets), and a short cache spares a polling results page a
// recount on every poll.
import { CATALOGUE_COUNTER, contributionOf } from '@shared/aggregation/fold';
import { imageInGeneration } from '@shared/aggregation/generations';
import { addTallyInto, type Tally } from '@shared/indicators/tally';
import { type CountPolicy, REVIEW_STATES, type ReviewState } from '@shared/review/review';
import type { CountingsRepo, ResponsesRepo } from '../../repo/types';
import { cachedCounters } from '../indicators/fold-targets';
import type { TalliesByState } from './review-figures';

/** Per review state, per village: the summed counters of the responses in that state (read-only: may be cached). */
export type VillageTalliesByState = TalliesByState;

/** Answers the counts kept under `key` while they are fresh, else counts them with `count` and keeps them. */
export type VillageTallyCache = (key: string, count: () => Promise<VillageTalliesByState>) => Promise<VillageTalliesByState>;

export interface VillageTalliesDeps {
  responses: Pick<ResponsesRepo, 'listAllInWard'>;
  countings: Pick<CountingsRepo, 'get'>;
  /** Keeps counts for a short while (`cachedVillageTallies`); absent: counted on every call. */
  villageTallyCache?: VillageTallyCache;
}

const counters = cachedCounters();

/**
 * Per review state and village of `wardCodes`, the summed counters of the round's live responses (villages
 * without any in a state: absent), counted in one pass over the responses. The cache's key holds the round, the
 * wards, the live generation (a recompute going live changes the counter) and the count `policy` the figures
 * are read under, so either changing starts a fresh count.
 */
export async function villageTalliesByState(
  roundId: string,
  wardCodes: readonly string[],
  deps: VillageTalliesDeps,
  policy: CountPolicy = 'submitted',
): Promise<VillageTalliesByState> {
  if (wardCodes.length === 0) return new Map();
  // The stream's counter: a stored state's live list, else the built-in catalogue (rounds without a state).
  const state = await deps.countings.get(roundId);
  const counter = state ? counters(state.questions, state.live.counted) : CATALOGUE_COUNTER;
  const generation = state?.live.generation ?? 1;
  const count = async () => {
    const out = new Map<ReviewState, Map<string, Tally>>(REVIEW_STATES.map((s) => [s, new Map()]));
    await Promise.all(
      wardCodes.map(async (wardCode) => {
        for await (const stored of deps.responses.listAllInWard(roundId, wardCode)) {
          const contribution = contributionOf(imageInGeneration(stored, generation), counter);
          if (!contribution) continue;
          // The bucket the stream counts the response in.
          const villages = out.get(contribution.key.bucket ?? 'submitted')!;
          const sum = villages.get(stored.villageCode);
          if (sum) addTallyInto(sum, contribution.tally);
          else villages.set(stored.villageCode, addTallyInto({ ...counter.zero }, contribution.tally));
        }
      }),
    );
    return out;
  };
  if (!deps.villageTallyCache) return count();
  const key = JSON.stringify([roundId, [...wardCodes].sort(), generation, policy]);
  return deps.villageTallyCache(key, count);
}

/** How long counted villages are kept: a response sent (or reviewed) shows in re-based figures within this. */
export const VILLAGE_TALLY_TTL_MS = 10_000;

/**
 * A cache of village counts for one process: the results page polls every few seconds and every poll of a
 * re-based view would otherwise read the split wards' responses again. Concurrent requests share one count; a
 * failed count is not kept; at most `maxEntries` keys are kept (the oldest goes first).
 */
export function cachedVillageTallies(clock: () => Date, ttlMs = VILLAGE_TALLY_TTL_MS, maxEntries = 64): VillageTallyCache {
  const cached = new Map<string, { tallies: Promise<VillageTalliesByState>; at: number }>();
  return (key, count) => {
    const now = clock().getTime();
    const hit = cached.get(key);
    if (hit && now >= hit.at && now - hit.at < ttlMs) return hit.tallies;
    cached.delete(key);
    for (const [old, entry] of cached) if (cached.size >= maxEntries || now - entry.at >= ttlMs || now < entry.at) cached.delete(old);
    const tallies = count();
    cached.set(key, { tallies, at: now });
    tallies.catch(() => {
      if (cached.get(key)?.tallies === tallies) cached.delete(key);
    });
    return tallies;
  };
}
