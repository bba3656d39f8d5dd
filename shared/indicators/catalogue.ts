// The indicator catalogue (shared/data/indicators.json) as typed data.
import catalogueFile from '../data/indicators.json';

interface IndicatorBase {
  id: string;
  numerator: string;
  vi: string;
  en: string;
  /** Fraction 0..1, or null where no official threshold exists. */
  target: number | null;
  target_source: string | null;
}
export interface HouseholdIndicator extends IndicatorBase {
  unit: 'household';
  /** 'all' households, or the households whose boolean answer of this id is true. */
  population: string;
}
export interface PersonIndicator extends IndicatorBase {
  unit: 'person';
  min_age: number;
}
export type Indicator = HouseholdIndicator | PersonIndicator;

export const INDICATORS: readonly Indicator[] = (catalogueFile as { indicators: Indicator[] }).indicators;

export function indicatorById(id: string): Indicator | undefined {
  return INDICATORS.find((indicator) => indicator.id === id);
}
