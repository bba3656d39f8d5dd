// A survey round as data: what it pins (survey version, area set, reference date) and its status by the clock.
// Pure; the API stores and answers rounds with it, the web app reads the same fields.
import type { Round } from '../api/contract';
import { CURRENT_AREA_SET_ID } from '../areas/bim-son';
import type { Indicator } from '../questionnaire/definition';
import { isRoundOpen } from './round-window';

/** A round as stored: the public fields without the clock's status, plus the round's own indicator list. */
export type StoredRound = Omit<Round, 'status'> & { indicators?: Indicator[] };

/** A stored round with every pinned field present. */
export type PinnedRound = Required<Omit<Round, 'status'>> & { indicators?: Indicator[] };

/** The year of a YYYY-MM-DD reference date. */
export function referenceYearOf(referenceDate: string): number {
  return Number(referenceDate.slice(0, 4));
}

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The round with every pinned field: rounds written before rounds became data carry only form, formVersion and
 * referenceYear, which name the same things (the reference date was the year's last day).
 */
export function pinnedRound(round: StoredRound): PinnedRound {
  return {
    ...round,
    surveyId: round.surveyId ?? round.form,
    surveyVersion: round.surveyVersion ?? round.formVersion,
    areaSetId: round.areaSetId ?? CURRENT_AREA_SET_ID,
    referenceDate: round.referenceDate ?? `${round.referenceYear}-12-31`,
    countPolicy: round.countPolicy ?? 'submitted',
  };
}

/** upcoming before opensAt, open until closesAt (exclusive), closed after. */
export function roundStatus(round: StoredRound, now: Date): NonNullable<Round['status']> {
  if (isRoundOpen(round, now)) return 'open';
  return now.getTime() < Date.parse(round.opensAt) ? 'upcoming' : 'closed';
}

/** A round as the API answers it: every pinned field and its status at `now`; its indicators are read apart. */
export function publicRound(round: StoredRound, now: Date): Round {
  const { indicators: _indicators, ...pinned } = pinnedRound(round);
  return { ...pinned, status: roundStatus(round, now) };
}
