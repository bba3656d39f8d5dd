// From counts to what officials read: percent with one decimal, target, met or not.
import { INDICATORS } from './catalogue';
import { denominatorKey, numeratorKey, type Tally } from './tally';

export interface IndicatorResult {
  id: string;
  numerator: number;
  denominator: number;
  /** 0..100 with one decimal; null when nobody was counted. */
  percent: number | null;
  /** 0..100, as the percent; null where the indicator has no target. */
  target: number | null;
  /** null where there is no target or nothing to compare. */
  met: boolean | null;
}

/** Percent with one decimal, rounded half up on the exact fraction (no float drift at .x5). */
export function percentOf(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((numerator * 1000) / denominator + 0.5) / 10;
}

/** What results need of an indicator: its counters' id and its target (a fraction, or null). */
export interface TargetedIndicator {
  id: string;
  target: number | null;
}

export function indicatorResults(tally: Tally, indicators: readonly TargetedIndicator[] = INDICATORS): IndicatorResult[] {
  return indicators.map((indicator) => {
    const numerator = tally[numeratorKey(indicator.id)] ?? 0;
    const denominator = tally[denominatorKey(indicator.id)] ?? 0;
    const percent = percentOf(numerator, denominator);
    const target = indicator.target === null ? null : Math.round(indicator.target * 1000) / 10;
    // Met compares the exact fraction with the target, not the rounded percent.
    const met = target === null || denominator === 0 ? null : numerator * 100 >= target * denominator;
    return { id: indicator.id, numerator, denominator, percent, target, met };
  });
}
