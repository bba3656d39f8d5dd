// What each round's changes are folded into: its live generation and, while a changed indicator list is being
// recomputed, the pending one too. Read fresh for every batch: a recompute starts filling a generation from the
// moment its state is written, and a batch read after that must fold into it (docs/aggregation.md).
import { CATALOGUE_COUNTER, type Counter } from '@shared/aggregation/fold';
import { counterFor } from '@shared/indicators/counter';
import { type CountingState, generationsToFold } from '@shared/indicators/counting';
import { canonicalJson } from '@shared/survey/canonical-json';
import type { CountingsRepo } from '../../repo/types';
import type { PublishedDefinitions } from '../surveys/published-definitions';

export interface FoldTarget {
  generation: number;
  counter: Counter;
}

export type FoldTargets = (roundIds: readonly string[]) => Promise<Map<string, FoldTarget[]>>;

/** Rounds stored before indicator lists were data have no counting state: they count the built-in catalogue. */
const CATALOGUE_TARGETS: FoldTarget[] = [{ generation: 1, counter: CATALOGUE_COUNTER }];

/** Every round into generation 1 with the built-in catalogue (tests and tools that predate indicator lists). */
export const catalogueFoldTargets: FoldTargets = async (roundIds) => new Map(roundIds.map((id) => [id, CATALOGUE_TARGETS]));

export function createFoldTargets(countings: Pick<CountingsRepo, 'get'>, definitions: PublishedDefinitions): FoldTargets {
  const counters = cachedCounters(definitions);
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
  return Promise.all(
    generationsToFold(state).map(async (list) => ({ generation: list.generation, counter: await counters(state.surveyId, state.surveyVersion, list.counted) })),
  );
}

type CounterCache = (surveyId: string, version: number, indicators: CountingState['live']['counted']) => Promise<Counter>;

/** Compiled lists by content: a list changes a few times a year, and compiling per batch would waste the fold's time. */
export function cachedCounters(definitions: PublishedDefinitions, limit = 32): CounterCache {
  const cache = new Map<string, Counter>();
  return async (surveyId, version, indicators) => {
    const key = `${surveyId}#${version}#${canonicalJson(indicators)}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const definition = await definitions.get(surveyId, version);
    if (!definition) throw new Error(`indicator list of ${surveyId} v${version}: the version is not published`);
    const counter = counterFor(definition, indicators);
    if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
    cache.set(key, counter);
    return counter;
  };
}
