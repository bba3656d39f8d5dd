import type { AreaAggregate } from '@shared/api/contract';
import { describe, expect, it } from 'vitest';
import { coverageOf, nextSort, sortAreas } from '../../web/src/lib/officials/sort-results';

const area = (code: string, name: string, surveyed: number, total: number | null, percent: number | null): AreaAggregate => ({
  code,
  name,
  level: 'ward',
  households: { surveyed, total },
  members: 0,
  indicators: [
    { id: 'hh_fiber_broadband', numerator: 0, denominator: percent === null ? 0 : 10, percent, target: 80, met: percent === null ? null : percent >= 80 },
  ],
});

const rows = [area('1', 'Phường Bắc Sơn', 10, 100, 91.6), area('2', 'Phường Ba Đình', 50, null, null), area('3', 'Xã Quang Trung', 30, 60, 45)];
const name = (a: AreaAggregate) => a.name;

describe('results sorting', () => {
  it('sorts by an indicator percent either way, areas without a figure last both ways', () => {
    expect(sortAreas(rows, { key: 'indicator:hh_fiber_broadband', dir: 'asc' }, name, 'vi').map((a) => a.code)).toEqual(['3', '1', '2']);
    expect(sortAreas(rows, { key: 'indicator:hh_fiber_broadband', dir: 'desc' }, name, 'vi').map((a) => a.code)).toEqual(['1', '3', '2']);
  });

  it('sorts names in Vietnamese order, households and coverage as numbers', () => {
    expect(sortAreas(rows, { key: 'name', dir: 'asc' }, name, 'vi').map((a) => a.code)).toEqual(['2', '1', '3']);
    expect(sortAreas(rows, { key: 'households', dir: 'desc' }, name, 'vi').map((a) => a.code)).toEqual(['2', '3', '1']);
    expect(sortAreas(rows, { key: 'coverage', dir: 'desc' }, name, 'vi').map((a) => a.code)).toEqual(['3', '1', '2']);
    expect(coverageOf(rows[2])).toBe(50);
    expect(coverageOf(rows[1])).toBeNull();
  });

  it('starts a new column descending (ascending for names) and flips on a second click', () => {
    expect(nextSort(undefined, 'indicator:x')).toEqual({ key: 'indicator:x', dir: 'desc' });
    expect(nextSort(undefined, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
  });
});
