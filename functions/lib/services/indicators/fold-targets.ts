// What each round's changes are folded into: its live generation and, while a changed indicator list is being
// recomputed, the pending one too. Read fresh for every batch: a recompute starts filling a generation from the
// moment its state is written, and a batch read after that must fold into it (docs/indicators.md). The state
// carries the question ids its conditions read, so the stream function needs no other store.

import { counterFor } from '@shared/aggregation/counter';
import { CATALOGUE_COUNTER, type Counter } from '@shared/aggregation/fold';
import { type CountingState, generationsToFold, type QuestionIds } from '@shared/indicators/counting';
import type { Indicator } from '@shared/questionnaire/definition';
import { canonicalJson } from '@shared/survey/canonical-json';
import type { CountingsRepo } from '../../repo/types';

export interface FoldTarget {
  generation: number;
  counter: Counter;
}

export type FoldTargets = (roundIds: readonly string[]) => Promise<Map<string, FoldTarget[]>>;

/** Rounds stored before indicator lists were data have no counting state: they count the built-in catalogue. */
const CATALOGUE_TARGETS: FoldTarget[] = [{ generation: 1, counter: CATALOGUE_COUNTER }];

/** Every round into generation 1 with the built-in catalogue (tests and tools that predate indicator lists). */
export const catalogueFoldTargets: FoldTargets = async (roundIds) => new Map(roundIds.map((id) => [id, CATALOGUE_TARGETS]));

export function createFoldTargets(countings: Pick<CountingsRepo, 'get'>): FoldTargets {
  const counters = cachedCounters();
  return async (roundIds) => {
    const targets = new Map<string, FoldTarget[]>();
    await Promise.all(
      [...new Set(roundIds)].map(async (roundId) => {
        const state = await countings.get(roundId);
        targets.set(roundId, state ? await targetsOf(state, counters) : CATALOGUE_TARGETS);
      }),
    );
    return targets;
  };
}

async function targetsOf(state: CountingState, counters: CounterCache): Promise<FoldTarget[]> {
  return Promise.all(generationsToFold(state).map(async (list) => ({ generation: list.generation, counter: counters(state.questions, list.counted) })));
}

type CounterCache = (questions: QuestionIds, indicators: readonly Indicator[]) => Counter;

/** Compiled lists by content: a list changes a few times a year, and compiling per batch would waste the fold's time. */
export function cachedCounters(limit = 32): CounterCache {
  const cache = new Map<string, Counter>();
  return (questions, indicators) => {
    const key = canonicalJson({ questions, indicators });
    const hit = cache.get(key);
    if (hit) return hit;
    const counter = counterFor(questions, indicators);
    if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
    cache.set(key, counter);
    return counter;
  };
}
