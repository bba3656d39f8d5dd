// The names officials choose an area set by, and the address query that keeps their choice across a reload.
import { describe, expect, it } from 'vitest';
import { areaSetPeriod, formatDay, nextDay } from '../../web/src/lib/officials/area-set-labels';
import { hashQuery, hrefWithQuery } from '../../web/src/lib/platform/hash-query';
import { parseHash, parseRoute } from '../../web/src/lib/platform/use-route';

describe('area set labels', () => {
  it('names the set that ended by the day after its last day, the current one by the day it began', () => {
    expect(areaSetPeriod({ effectiveFrom: '2020-01-01', effectiveTo: '2025-06-30' }, 'vi')).toEqual({ key: 'ui.areaSets.before', date: '1/7/2025' });
    expect(areaSetPeriod({ effectiveFrom: '2025-07-01', effectiveTo: null }, 'vi')).toEqual({ key: 'ui.areaSets.after', date: '1/7/2025' });
    expect(formatDay('2025-07-01', 'en')).toBe('1 July 2025');
  });

  it('steps over a month and a year end', () => {
    expect(nextDay('2025-06-30')).toBe('2025-07-01');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });
});

describe('a query in the hash route', () => {
  it('is not a path segment, and survives a round trip', () => {
    const address = hrefWithQuery(['results'], { round: 'cds-2024', areaSet: 'bim-son-2025', unused: undefined });
    expect(address).toBe('#/results?round=cds-2024&areaSet=bim-son-2025');
    expect(parseHash(address)).toEqual(['results']);
    expect(parseRoute(address).name).toBe('results');
    expect(hashQuery(address).get('areaSet')).toBe('bim-son-2025');
    expect(parseRoute('#/report/14812/cds-2024?areaSet=bim-son-2025').params).toEqual({ wardCode: '14812', roundId: 'cds-2024' });
  });
});
