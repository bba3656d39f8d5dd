// Sorting the results table: by name, households, coverage or one indicator's percent. Areas without a
// figure go last whichever way the sort runs, so "lowest first" shows the wards that need help, not blanks.
import type { AreaAggregate } from '@shared/api/contract';

export type SortKey = 'name' | 'households' | 'coverage' | `indicator:${string}`;
export type SortDir = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

/** surveyed / total, 0..100 with one decimal; null without a total. */
export function coverageOf(area: Pick<AreaAggregate, 'households'>): number | null {
  const { surveyed, total } = area.households;
  return total ? Math.round((surveyed * 1000) / total) / 10 : null;
}

function sortValueOf(area: AreaAggregate, key: SortKey, nameOf: (a: AreaAggregate) => string): string | number | null {
  if (key === 'name') return nameOf(area);
  if (key === 'households') return area.households.surveyed;
  if (key === 'coverage') return coverageOf(area);
  return area.indicators.find((r) => r.id === key.slice('indicator:'.length))?.percent ?? null;
}

export function sortAreas<T extends AreaAggregate>(areas: readonly T[], sort: Sort | undefined, nameOf: (a: AreaAggregate) => string, lang: string): T[] {
  if (!sort) return [...areas];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...areas].sort((a, b) => {
    const x = sortValueOf(a, sort.key, nameOf);
    const y = sortValueOf(b, sort.key, nameOf);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y), lang) : x - (y as number);
    return order * sign || a.code.localeCompare(b.code);
  });
}

/** The next sort after clicking a column: a new column starts descending for figures, ascending for names. */
export function nextSort(current: Sort | undefined, key: SortKey): Sort {
  if (current?.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' ? 'asc' : 'desc' };
}
