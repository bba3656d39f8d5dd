import { describe, expect, it } from 'vitest';
import { readCoverage } from '../../shared/roster/coverage';

describe('readCoverage', () => {
  it('reads a percentage up to 100 %, and above it a warning with both counts, never 612 %', () => {
    expect(readCoverage(85, 100)).toEqual({ kind: 'percent', percent: 85 });
    expect(readCoverage(100, 100)).toEqual({ kind: 'percent', percent: 100 });
    expect(readCoverage(612, 100)).toEqual({ kind: 'over', surveyed: 612, total: 100 });
    expect(readCoverage(5, null)).toEqual({ kind: 'none' });
    expect(readCoverage(5, 0)).toEqual({ kind: 'none' });
  });
});
