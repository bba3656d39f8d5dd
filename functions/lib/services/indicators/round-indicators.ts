// The use cases behind GET/PUT /api/rounds/{id}/indicators: a round's own indicator list, editable at any time
// (closed rounds too). A new or changed definition starts a recompute job into a new generation of counters.

import { type CountingState, currentIndicators, type RecomputeStatus, recomputeStatus, replaceIndicators } from '@shared/indicators/counting';
import { checkIndicators } from '@shared/questionnaire/check-definition';
import type { Indicator } from '@shared/questionnaire/definition';
import { getOrNotFound, pendingIssues, problem, ValidationError } from '../../errors';
import type { CountingsRepo, ReferenceRepo } from '../../repo/types';
import { roundDefinition } from '../rounds/round-definition';
import { type CountingDeps, roundCounting } from './round-countings';

/** Enough for any national programme's list; keeps the stream's per-response work bounded. */
export const MAX_INDICATORS = 100;
/** Writers racing on one round's state (an admin's save, a job's progress note) retry this often. */
const MAX_WRITE_ATTEMPTS = 5;

export interface RecomputeJob {
  roundId: string;
  generation: number;
}

export interface RoundIndicatorsDeps extends CountingDeps {
  countings: CountingsRepo;
  reference: Pick<ReferenceRepo, 'getRound'>;
  clock: () => Date;
  /** Starts the recompute job without waiting for it (an async Lambda invoke in AWS, in process locally). */
  startRecompute: (job: RecomputeJob) => Promise<void>;
}

export interface RoundIndicatorsView {
  indicators: Indicator[];
  recompute: RecomputeStatus | null;
}

const viewOf = (state: CountingState): RoundIndicatorsView => ({ indicators: currentIndicators(state), recompute: recomputeStatus(state) });

export async function getRoundIndicators(roundId: string, deps: Omit<RoundIndicatorsDeps, 'startRecompute' | 'clock'>): Promise<RoundIndicatorsView> {
  const round = getOrNotFound(await deps.reference.getRound(roundId));
  return viewOf((await roundCounting(round, deps)).state);
}

export async function putRoundIndicators(roundId: string, body: unknown, deps: RoundIndicatorsDeps): Promise<RoundIndicatorsView> {
  const round = getOrNotFound(await deps.reference.getRound(roundId));
  const list = (body as { indicators?: unknown } | null)?.indicators;
  if (Array.isArray(list) && list.length > MAX_INDICATORS) throw problem.invalidField('indicators', 'indicators.too_many', { max: MAX_INDICATORS });
  const checked = checkIndicators(await roundDefinition(round, deps.definitions), list);
  if (!checked.ok) throw new ValidationError(pendingIssues(checked.issues));
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
    const { state, stored } = await roundCounting(round, deps);
    const next = replaceIndicators(state, checked.value, deps.clock().toISOString());
    if (!(await deps.countings.put(next.state, stored ? state.rev : null))) continue;
    if (next.recompute !== undefined) await deps.startRecompute({ roundId, generation: next.recompute });
    return viewOf(next.state);
  }
  throw problem.indicatorsBusy();
}
