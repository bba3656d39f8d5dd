// Two rounds side by side: per area and indicator, the percent now, the percent then and the change in
// percentage points, so officials see which wards moved and which fell behind.
import * as z from 'zod/mini';
import { AggregateLevelSchema, type AggregatesResponse } from '../api/contract';

export const IndicatorChangeSchema = z.object({
  id: z.string(),
  percent: z.nullable(z.number()),
  basePercent: z.nullable(z.number()),
  /** percent − basePercent in percentage points, one decimal; null when either is missing. */
  change: z.nullable(z.number()),
  met: z.nullable(z.boolean()),
  baseMet: z.nullable(z.boolean()),
});
export type IndicatorChange = z.infer<typeof IndicatorChangeSchema>;

export const ComparisonResponseSchema = z.object({
  roundId: z.string(),
  baseRoundId: z.string(),
  level: AggregateLevelSchema,
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

/** Areas of `current` (the caller's scope) matched by code with `base`; an area missing there counts as empty. */
export function compareAggregates(current: AggregatesResponse, base: AggregatesResponse): ComparisonResponse {
  const baseAreas = new Map(base.areas.map((area) => [area.code, area]));
  return {
    roundId: current.roundId,
    baseRoundId: base.roundId,
    level: current.level,
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
          };
        }),
      };
    }),
  };
}
