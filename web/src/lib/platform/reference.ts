// Reference data that changes rarely (rounds, areas): fetched once per session and shared by the pages.
import type { Round } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { api } from './api';

let rounds: Promise<Round[]> | undefined;
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

export function getRounds(): Promise<Round[]> {
  return cached(
    () => rounds,
    (value) => (rounds = value),
    () => api.listRounds(),
  );
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
