// The results' calls that carry the round's indicator list: aggregates and comparison with their `indicators`
// and `recompute` fields, and the round's list itself (read by everyone, replaced by admins). With `areaSet`
// the server shows the round's figures on another area set: each area may then carry `notes` (a unit the round
// did not survey, a unit split without a village list), in the caller's language.
import { type AggregateLevel, AggregatesResponseSchema, AreaAggregateSchema } from '@shared/api/contract';
import { ComparisonResponseSchema } from '@shared/indicators/compare';
import type { Indicator } from '@shared/questionnaire/definition';
import * as z from 'zod/mini';
import { api } from '../platform/api';
import { RoundIndicatorsSchema } from './round-indicators';

const roundPath = (roundId: string) => `/api/rounds/${encodeURIComponent(roundId)}/indicators`;

export const AreaNoteSchema = z.object({ key: z.string(), units: z.array(z.string()), message: z.string() });
export type AreaNote = z.infer<typeof AreaNoteSchema>;
const withNotes = { notes: z.optional(z.array(AreaNoteSchema)) };

const ResultsSchema = z.extend(AggregatesResponseSchema, {
  /** The set the figures are shown on and the round's own, when they differ (re-based figures). */
  areaSetId: z.optional(z.string()),
  rebasedFrom: z.optional(z.string()),
  areas: z.array(z.extend(AreaAggregateSchema, withNotes)),
});
export type ResultsView = z.infer<typeof ResultsSchema>;
export type ResultsRow = ResultsView['areas'][number];

const CompareSchema = z.extend(ComparisonResponseSchema, {
  areas: z.array(z.extend(ComparisonResponseSchema.shape.areas.def.element, withNotes)),
});
/** Two rounds compared (on one area set: notes of both rounds' re-based areas kept). */
export type CompareView = z.infer<typeof CompareSchema>;

/** The figures with the list they count (`indicators`) and any recount under way (`recompute`). */
export async function results(roundId: string, level: AggregateLevel, areaSet?: string): Promise<ResultsView> {
  return api.json(ResultsSchema, await api.request('GET', '/api/aggregates', { query: { roundId, level, areaSet } }));
}

export async function compareRounds(roundId: string, baseRoundId: string, level: AggregateLevel, areaSet?: string) {
  return api.json(CompareSchema, await api.request('GET', '/api/aggregates/compare', { query: { roundId, baseRoundId, level, areaSet } }));
}

export async function roundIndicators(roundId: string) {
  return api.json(RoundIndicatorsSchema, await api.request('GET', roundPath(roundId)));
}

/** Replaces the list (admin); a 400 arrives as ApiError whose issues name `indicators.<n>.<field>`. */
export async function saveRoundIndicators(roundId: string, indicators: Indicator[]) {
  return api.json(RoundIndicatorsSchema, await api.request('PUT', roundPath(roundId), { body: { indicators } }));
}
