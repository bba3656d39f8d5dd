// Reference data that changes rarely (rounds, areas): fetched once per session and shared by the pages. The
// questionnaire of every open round is kept on the device as soon as the round list is seen, so the phone can
// record households in any of them offline later. A collector's phone asks only for its own wards and their
// villages, per parent, in the round's area set: never a province's villages.
import type { User } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { api } from './api';
import { openRounds, type RoundView, surveyOf } from './rounds';
import { loadDefinitionText, saveDefinitionText } from './storage';

let rounds: Promise<RoundView[]> | undefined;
const workAreas = new Map<string, Promise<Area[]>>();

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

/** The whole served list (officials' and admins' pages). */
export const getAreas = (): Promise<Area[]> => getWorkAreas(undefined);

/** Drops the cache (on sign-in and sign-out: another user may see other areas). */
export function forgetReference(): void {
  rounds = undefined;
  workAreas.clear();
}

/** The areas a user records in, in area set `areaSet` (the round's); cached per set. */
export function getWorkAreas(user: Pick<User, 'role' | 'areas'> | undefined, areaSet?: string): Promise<Area[]> {
  const key = `${user?.role === 'collector'}${areaSet}`;
  return cached(
    () => workAreas.get(key),
    (value) => (value ? workAreas.set(key, value) : workAreas.delete(key)),
    () => loadWorkAreas(user, areaSet),
  );
}

/**
 * A collector's wards (`?level=ward`) and each one's villages (`?parent=<ward>`). The whole list for anyone else,
 * for a collector whose codes are not all wards (a whole town), and from a server that ignores the filters (its
 * answer to `?level=ward` holds more than wards).
 */
export async function loadWorkAreas(user: Pick<User, 'role' | 'areas'> | undefined, areaSet?: string): Promise<Area[]> {
  const list = (query?: { level?: string; parent?: string }) => api.listAreas({ areaSet, ...query });
  if (user?.role !== 'collector') return list();
  const wards = await list({ level: 'ward' });
  const mine = wards.filter((ward) => user.areas.includes(ward.code));
  if (mine.length < user.areas.length || wards.some((a) => a.level !== 'ward')) return list();
  return [...mine, ...(await Promise.all(mine.map((ward) => list({ parent: ward.code })))).flat()];
}
