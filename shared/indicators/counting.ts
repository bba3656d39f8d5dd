// Which indicator lists a round's counters hold. Counters are kept per *generation*: the live one the officials
// read, and while a changed list is recomputed, a pending one the stream fills beside it. Targets, labels and
// order are display only, so changing them (or dropping an indicator) never recomputes; a new or changed
// definition does, into a fresh generation, and the officials' page keeps the live figures until it is complete.
// Pure; services/results/indicator-recompute.ts and the stream handler read and write it.
import type { Indicator } from '../questionnaire/definition';
import { canonicalJson } from '../survey/canonical-json';

/** A generation's counters: what they count (`counted`) and how they are shown (`listed`). */
export interface CountedList {
  generation: number;
  /** The round's list as officials see it: order, labels, targets. */
  listed: Indicator[];
  /** Every definition the stream folds into this generation (a superset of `listed`'s). */
  counted: Indicator[];
}

export interface PendingCount extends CountedList {
  state: 'running' | 'failed';
  startedAt: string;
  /** Responses folded into the new generation so far, and about how many there are. */
  processed: number;
  total: number | null;
  error?: string;
}

export interface CountingState {
  roundId: string;
  /** The questionnaire version the conditions read (the round's). */
  surveyId: string;
  surveyVersion: number;
  /** Bumped by every write: writes are conditional on the rev read. */
  rev: number;
  live: CountedList;
  pending?: PendingCount;
}

export interface RecomputeStatus {
  state: 'running' | 'failed';
  startedAt: string;
  processed: number;
  total: number | null;
  error?: string;
}

/** The round id under which a generation's aggregate rows and ledger entries live (generation 1: the round's own). */
export function countingKey(roundId: string, generation: number): string {
  return generation <= 1 ? roundId : `${roundId}#g${generation}`;
}

/** What decides an indicator's counts: its unit and conditions (not its label, target or source). */
export function definitionOf(indicator: Indicator): string {
  return canonicalJson({ unit: indicator.unit, population: indicator.population ?? null, numerator: indicator.numerator });
}

/** Whether `counted` already counts every indicator of `list` exactly as `list` defines it. */
export function countsAll(counted: readonly Indicator[], list: readonly Indicator[]): boolean {
  const definitions = new Map(counted.map((indicator) => [indicator.id, definitionOf(indicator)]));
  return list.every((indicator) => definitions.get(indicator.id) === definitionOf(indicator));
}

/** A round's state before its list was ever edited: generation 1 counts the list copied at its creation. */
export function initialCounting(round: { id: string; surveyId: string; surveyVersion: number }, indicators: Indicator[]): CountingState {
  return {
    roundId: round.id,
    surveyId: round.surveyId,
    surveyVersion: round.surveyVersion,
    rev: 0,
    live: { generation: 1, listed: indicators, counted: indicators },
  };
}

export interface Replacement {
  state: CountingState;
  /** The generation a recompute must now fill, if the new list needs one. */
  recompute?: number;
}

/** The state after an admin replaced the round's list with `list`. */
export function replaceIndicators(state: CountingState, list: Indicator[], now: string): Replacement {
  const rev = state.rev + 1;
  // Display changes only: shown at once; a recompute under way for another list is abandoned.
  if (countsAll(state.live.counted, list)) return { state: { ...withoutPending(state), rev, live: { ...state.live, listed: list } } };
  const pending = state.pending;
  if (pending?.state === 'running' && countsAll(pending.counted, list)) {
    return { state: { ...state, rev, pending: { ...pending, listed: list } } };
  }
  const generation = Math.max(state.live.generation, pending?.generation ?? 0) + 1;
  return {
    state: { ...state, rev, pending: { generation, listed: list, counted: list, state: 'running', startedAt: now, processed: 0, total: null } },
    recompute: generation,
  };
}

/** The generations the stream folds into: the live one and a pending one while it is being filled. */
export function generationsToFold(state: CountingState): CountedList[] {
  return state.pending?.state === 'running' ? [state.live, state.pending] : [state.live];
}

/** The list the round holds now (what GET /api/rounds/{id}/indicators answers). */
export function currentIndicators(state: CountingState): Indicator[] {
  return state.pending?.listed ?? state.live.listed;
}

/**
 * The list the officials' figures are shown with: the live generation's, with the labels, targets and sources of
 * the round's current list where an indicator's definition did not change (target changes show at once).
 */
export function displayedIndicators(state: CountingState): Indicator[] {
  const pending = state.pending;
  if (!pending) return state.live.listed;
  const current = new Map(pending.listed.map((indicator) => [indicator.id, indicator]));
  return state.live.listed.map((indicator) => {
    const now = current.get(indicator.id);
    return now && definitionOf(now) === definitionOf(indicator) ? { ...indicator, label: now.label, target: now.target, source: now.source } : indicator;
  });
}

export function recomputeStatus(state: CountingState): RecomputeStatus | null {
  const pending = state.pending;
  if (!pending) return null;
  const { state: status, startedAt, processed, total, error } = pending;
  return { state: status, startedAt, processed, total, ...(error ? { error } : {}) };
}

/** The state once `generation` is complete: it becomes live. Null when that recompute was superseded. */
export function completeRecompute(state: CountingState, generation: number): CountingState | null {
  const pending = state.pending;
  if (pending?.generation !== generation || pending.state !== 'running') return null;
  return { ...withoutPending(state), rev: state.rev + 1, live: { generation, listed: pending.listed, counted: pending.counted } };
}

/** The state with a recompute's progress or failure noted. Null when that recompute was superseded. */
export function noteRecompute(
  state: CountingState,
  generation: number,
  change: Partial<Pick<PendingCount, 'processed' | 'total' | 'state' | 'error'>>,
): CountingState | null {
  const pending = state.pending;
  if (pending?.generation !== generation || pending.state !== 'running') return null;
  return { ...state, rev: state.rev + 1, pending: { ...pending, ...change } };
}

function withoutPending(state: CountingState): CountingState {
  const { pending: _pending, ...rest } = state;
  return rest;
}
