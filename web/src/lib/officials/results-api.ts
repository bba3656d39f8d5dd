// The results' calls that carry the round's indicator list: aggregates and comparison with their `indicators`
// and `recompute` fields, and the round's list itself (read by everyone, replaced by admins).
import type { AggregateLevel } from '@shared/api/contract';
import { ComparisonResponseSchema } from '@shared/indicators/compare';
import type { Indicator } from '@shared/questionnaire/definition';
import { api } from '../platform/api';
import { RoundIndicatorsSchema } from './round-indicators';

const roundPath = (roundId: string) => `/api/rounds/${encodeURIComponent(roundId)}/indicators`;

/** The figures with the list they count (`indicators`) and any recount under way (`recompute`). */
export const results = (roundId: string, level: AggregateLevel) => api.aggregates(roundId, level);

export async function compareRounds(roundId: string, baseRoundId: string, level: AggregateLevel) {
  return api.json(ComparisonResponseSchema, await api.request('GET', '/api/aggregates/compare', { query: { roundId, baseRoundId, level } }));
}

export async function roundIndicators(roundId: string) {
  return api.json(RoundIndicatorsSchema, await api.request('GET', roundPath(roundId)));
}

/** Replaces the list (admin); a 400 arrives as ApiError whose issues name `indicators.<n>.<field>`. */
export async function saveRoundIndicators(roundId: string, indicators: Indicator[]) {
  return api.json(RoundIndicatorsSchema, await api.request('PUT', roundPath(roundId), { body: { indicators } }));
}
