// What the officials' figures of a round are read from: the rows of its live generation, shown with the live
// list (current targets and labels), and whether a recompute for a changed list is under way.
import { countingKey, displayedIndicators, recomputeStatus } from '@shared/indicators/counting';
import type { CountPolicy } from '@shared/review/review';
import type { ReferenceRepo } from '../../repo/types';
import type { CountedList } from '../results/read-aggregates';
import { type CountingDeps, roundCounting } from './round-countings';

export interface FiguresListDeps extends CountingDeps {
  reference: Pick<ReferenceRepo, 'getRound'>;
}

export interface FiguresList {
  /** The round id its live aggregate rows are stored under. */
  rowsKey: string;
  /** Absent for a round that is not stored (the built-in catalogue, as the stream counts it). */
  counted?: CountedList;
  /** The counting state's rev: any change of list, target or label changes it (export jobs key on it). */
  rev: number;
  /** Which review states the official figures count. */
  countPolicy: CountPolicy;
}

export async function figuresListOf(roundId: string, deps: FiguresListDeps): Promise<FiguresList> {
  const round = await deps.reference.getRound(roundId);
  if (!round) return { rowsKey: roundId, rev: -1, countPolicy: 'submitted' };
  const { state } = await roundCounting(round, deps);
  return {
    rowsKey: countingKey(roundId, state.live.generation),
    counted: { indicators: displayedIndicators(state), recompute: recomputeStatus(state) },
    rev: state.rev,
    countPolicy: round.countPolicy ?? 'submitted',
  };
}
