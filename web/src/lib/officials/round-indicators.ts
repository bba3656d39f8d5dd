// The round's indicator list as the API answers it (API.md, *Rounds*: GET/PUT /api/rounds/{id}/indicators, and the
// `indicators` / `recompute` fields of the aggregates and comparison answers, whose shapes are the contract's).
import { RecomputeStatusSchema } from '@shared/api/contract';
import type { IndicatorChange } from '@shared/indicators/compare';
import { type Indicator, IndicatorSchema, type Lang } from '@shared/questionnaire/definition';
import * as z from 'zod/mini';

export type Recompute = z.infer<typeof RecomputeStatusSchema>;
export type ChangeView = IndicatorChange;

export const RoundIndicatorsSchema = z.object({
  indicators: z.array(IndicatorSchema),
  recompute: z.optional(z.nullable(RecomputeStatusSchema)),
});

/** The list an answer carries; none from a server before round lists. */
export const asIndicators = (list: readonly Indicator[] | undefined): Indicator[] => [...(list ?? [])];

export const labelOf = (indicator: Pick<Indicator, 'label' | 'id'>, lang: Lang): string => indicator.label[lang] || indicator.id;

/** Household indicators first, then person ones, each in the list's display order. */
export function groupByUnit<T extends Pick<Indicator, 'unit'>>(list: readonly T[]): { household: T[]; person: T[] } {
  return { household: list.filter((i) => i.unit === 'household'), person: list.filter((i) => i.unit === 'person') };
}

/** The target as officials read it: 0..100 with one decimal, or null. */
export const targetPercentOf = (indicator: Pick<Indicator, 'target'>): number | null =>
  indicator.target === null ? null : Math.round(indicator.target * 1000) / 10;
