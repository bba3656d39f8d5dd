// The round's indicator list as the API answers it (API.md, *Rounds*: GET/PUT /api/rounds/{id}/indicators, and the
// `indicators` / `recompute` fields of the aggregates and comparison answers). Web-local schemas: lenient on
// what the server adds, so an older or newer server still parses.
import { AggregatesResponseSchema } from '@shared/api/contract';
import { ComparisonResponseSchema, IndicatorChangeSchema } from '@shared/indicators/compare';
import type { Indicator, Lang } from '@shared/questionnaire/definition';
import * as z from 'zod/mini';

const LabelView = z.object({ vi: z.string(), en: z.string() });

/** An indicator definition; conditions are passed through as the server wrote them. */
export const IndicatorViewSchema = z.object({
  id: z.string(),
  unit: z.enum(['household', 'person']),
  population: z.optional(z.unknown()),
  numerator: z.unknown(),
  label: LabelView,
  target: z.nullable(z.number()),
  source: z.optional(z.nullable(z.string())),
});

export const RecomputeSchema = z.object({
  state: z.enum(['running', 'failed']),
  startedAt: z.string(),
  processed: z.number(),
  total: z.nullable(z.number()),
  error: z.optional(z.string()),
});
export type Recompute = z.infer<typeof RecomputeSchema>;

export const RoundIndicatorsSchema = z.object({
  indicators: z.array(IndicatorViewSchema),
  recompute: z.optional(z.nullable(RecomputeSchema)),
});

// Shapes spread into z.object rather than z.extend: extend would join zod's shared chunk, loaded at a collector's start.
export const ResultsResponseSchema = z.object({
  ...AggregatesResponseSchema.shape,
  indicators: z.optional(z.array(IndicatorViewSchema)),
  recompute: z.optional(z.nullable(RecomputeSchema)),
});

const ChangeViewSchema = z.object({
  ...IndicatorChangeSchema.shape,
  definitionChanged: z.optional(z.boolean()),
  inBase: z.optional(z.boolean()),
});
export type ChangeView = z.infer<typeof ChangeViewSchema>;

const CompareAreaSchema = ComparisonResponseSchema.shape.areas._zod.def.element;
export const CompareViewSchema = z.object({
  ...ComparisonResponseSchema.shape,
  indicators: z.optional(z.array(IndicatorViewSchema)),
  areas: z.array(z.object({ ...CompareAreaSchema.shape, indicators: z.array(ChangeViewSchema) })),
});
export type CompareView = z.infer<typeof CompareViewSchema>;

/** The parsed list as the shared Indicator type (conditions are the server's, not re-checked here). */
export const asIndicators = (list: readonly z.infer<typeof IndicatorViewSchema>[] | undefined): Indicator[] => (list ?? []) as Indicator[];

export const labelOf = (indicator: Pick<Indicator, 'label' | 'id'>, lang: Lang): string => indicator.label[lang] || indicator.id;

/** Household indicators first, then person ones, each in the list's display order. */
export function groupByUnit<T extends Pick<Indicator, 'unit'>>(list: readonly T[]): { household: T[]; person: T[] } {
  return { household: list.filter((i) => i.unit === 'household'), person: list.filter((i) => i.unit === 'person') };
}

/** The target as officials read it: 0..100 with one decimal, or null. */
export const targetPercentOf = (indicator: Pick<Indicator, 'target'>): number | null =>
  indicator.target === null ? null : Math.round(indicator.target * 1000) / 10;
