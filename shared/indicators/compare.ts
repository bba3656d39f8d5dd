// Two rounds side by side: per area and indicator, the percent now, the percent then and the change in
// percentage points, so officials see which wards moved and which fell behind.
import * as z from 'zod/mini';
import { AggregateLevelSchema, type AggregatesResponse } from '../api/contract';
import { IndicatorSchema } from '../questionnaire/definition';
import { definitionOf } from './counting';

export const IndicatorChangeSchema = z.object({
  id: z.string(),
  percent: z.nullable(z.number()),
  basePercent: z.nullable(z.number()),
  /** percent − basePercent in percentage points, one decimal; null when either is missing. */
  change: z.nullable(z.number()),
  met: z.nullable(z.boolean()),
  baseMet: z.nullable(z.boolean()),
  /** Whether the base round has an indicator of this id at all, and whether it counted it differently. */
  inBase: z.optional(z.boolean()),
  definitionChanged: z.optional(z.boolean()),
});
export type IndicatorChange = z.infer<typeof IndicatorChangeSchema>;

export const ComparisonResponseSchema = z.object({
  roundId: z.string(),
  baseRoundId: z.string(),
  level: AggregateLevelSchema,
  /** The current round's list (as in its aggregates). */
  indicators: z.optional(z.array(IndicatorSchema)),
  areas: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      households: z.object({ surveyed: z.number(), baseSurveyed: z.number() }),
      indicators: z.array(IndicatorChangeSchema),
    }),
  ),
});
export type ComparisonResponse = z.infer<typeof ComparisonResponseSchema>;

/** Percentage points between two one-decimal percents, computed in tenths so that no float noise shows. */
export function pointsChange(percent: number | null, basePercent: number | null): number | null {
  if (percent === null || basePercent === null) return null;
  return (Math.round(percent * 10) - Math.round(basePercent * 10)) / 10;
}

/**
 * Areas of `current` (the caller's scope) matched by code with `base`, indicators by id; an area missing there
 * counts as empty. Where both rounds carry their lists, each indicator says whether the base round had it and
 * whether it was counted the same way there.
 */
export function compareAggregates(current: AggregatesResponse, base: AggregatesResponse): ComparisonResponse {
  const baseAreas = new Map(base.areas.map((area) => [area.code, area]));
  const baseDefinitions = base.indicators && new Map(base.indicators.map((indicator) => [indicator.id, definitionOf(indicator)]));
  const changes = new Map(
    (current.indicators ?? []).map((indicator) => {
      const before = baseDefinitions?.get(indicator.id);
      return [indicator.id, { inBase: before !== undefined, definitionChanged: before !== undefined && before !== definitionOf(indicator) }];
    }),
  );
  const markOf = (id: string) => (baseDefinitions ? (changes.get(id) ?? { inBase: baseDefinitions.has(id), definitionChanged: false }) : {});
  return {
    roundId: current.roundId,
    baseRoundId: base.roundId,
    level: current.level,
    ...(current.indicators ? { indicators: current.indicators } : {}),
    areas: current.areas.map((area) => {
      const before = baseAreas.get(area.code);
      return {
        code: area.code,
        name: area.name,
        households: { surveyed: area.households.surveyed, baseSurveyed: before?.households.surveyed ?? 0 },
        indicators: area.indicators.map((result) => {
          const then = before?.indicators.find((r) => r.id === result.id);
          const basePercent = then?.percent ?? null;
          return {
            id: result.id,
            percent: result.percent,
            basePercent,
            change: pointsChange(result.percent, basePercent),
            met: result.met,
            baseMet: then?.met ?? null,
            ...markOf(result.id),
          };
        }),
      };
    }),
  };
}
