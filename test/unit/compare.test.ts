import { pointsChange } from '@shared/indicators/compare';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('pointsChange', () => {
  it('is the exact difference of one-decimal percents, without float noise', () => {
    expect(pointsChange(91.6, 80.3)).toBe(11.3);
    expect(pointsChange(0.3, 0.1)).toBe(0.2);
    expect(pointsChange(50, null)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, b) => {
        const change = pointsChange(a / 10, b / 10)!;
        expect(change).toBe((a - b) / 10);
        expect(Number.isInteger(Math.round(change * 10))).toBe(true);
      }),
    );
  });
});
