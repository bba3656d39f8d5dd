// Reference data that changes rarely (rounds, areas): fetched once per session and shared by the pages. The
// questionnaire of every open round is kept on the device as soon as the round list is seen, so the phone can
// record households in any of them offline later.
import type { Area } from '@shared/areas/areas';
import { api } from './api';
import { openRounds, type RoundView, surveyOf } from './rounds';
import { loadDefinitionText, saveDefinitionText } from './storage';

let rounds: Promise<RoundView[]> | undefined;
let areas: Promise<Area[]> | undefined;

/** Cached, but a failed fetch is not: the next call tries again. */
function cached<T>(get: () => Promise<T> | undefined, set: (value: Promise<T> | undefined) => void, load: () => Promise<T>): Promise<T> {
  const existing = get();
  if (existing) return existing;
  const loading = load();
  set(loading);
  loading.catch(() => set(undefined));
  return loading;
}

export function getRounds(): Promise<RoundView[]> {
  return cached(
    () => rounds,
    (value) => (rounds = value),
    async () => {
      const list = await api.listRounds();
      void keepDefinitions(list);
      return list;
    },
  );
}

/** Best effort: a definition that cannot be fetched now is fetched when its form opens. */
async function keepDefinitions(list: readonly RoundView[]): Promise<void> {
  for (const round of openRounds(list, new Date())) {
    const { surveyId, version } = surveyOf(round);
    if (round.surveyId === undefined || loadDefinitionText(surveyId, version)) continue;
    try {
      saveDefinitionText(surveyId, version, await api.getSurveyDefinitionText(surveyId, version));
    } catch {
      // Offline or not yet served: nothing kept, nothing lost.
    }
  }
}

export function getAreas(): Promise<Area[]> {
  return cached(
    () => areas,
    (value) => (areas = value),
    () => api.listAreas(),
  );
}

/** Drops the cache (on sign-in and sign-out: another user may see other areas). */
export function forgetReference(): void {
  rounds = undefined;
  areas = undefined;
}
