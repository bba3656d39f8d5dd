// A round's counting state as stored, or as it stands before its list was first edited: generation 1 counting
// the list the round was created with (rounds older than indicator lists as data: the questionnaire's own list,
// which is the built-in catalogue the stream counted them with).
import { type CountingState, initialCounting } from '@shared/indicators/counting';
import { pinnedRound, type StoredRound } from '@shared/rounds/round';
import type { CountingsRepo } from '../../repo/types';
import { roundDefinition } from '../rounds/round-definition';
import type { PublishedDefinitions } from '../surveys/published-definitions';

export interface CountingDeps {
  countings: Pick<CountingsRepo, 'get'>;
  definitions: PublishedDefinitions;
}

export interface RoundCounting {
  state: CountingState;
  /** Whether `state` is stored (its rev is the one to write against) or made up from the round. */
  stored: boolean;
}

export async function roundCounting(round: StoredRound, deps: CountingDeps): Promise<RoundCounting> {
  const stored = await deps.countings.get(round.id);
  if (stored) return { state: stored, stored: true };
  const { surveyId, surveyVersion } = pinnedRound(round);
  const indicators = round.indicators ?? (await roundDefinition(round, deps.definitions)).indicators;
  return { state: initialCounting({ id: round.id, surveyId, surveyVersion }, indicators), stored: false };
}
