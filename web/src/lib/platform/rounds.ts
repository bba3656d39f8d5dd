// Which survey round a page works on, decided from the rounds the API lists, the device's clock and the round
// the collector chose when several are open (kept on the device).
import type { Round } from '@shared/api/contract';
import { isRoundOpen } from '@shared/rounds/round-window';
import { loadRoundChoice } from './storage';

/** A round as API.md lists it, with the questionnaire version and reference date it pins (optional for older servers). */
export type RoundView = Round;

const newestFirst = (a: Round, b: Round) => Date.parse(b.opensAt) - Date.parse(a.opensAt);

/** The questionnaire version a round pins (older servers name it `form`/`formVersion`). */
export function surveyOf(round: RoundView): { surveyId: string; version: number } {
  return { surveyId: round.surveyId ?? round.form, version: round.surveyVersion ?? round.formVersion };
}

/** The day ages are counted at: the round's reference date, else the last day of its reference year. */
export function referenceDateOf(round: RoundView): string {
  return round.referenceDate ?? `${round.referenceYear}-12-31`;
}

/** Every round open now (opensAt ≤ now < closesAt), the latest-opened first. */
export function openRounds<R extends Round>(rounds: readonly R[], now: Date): R[] {
  return rounds.filter((round) => isRoundOpen(round, now)).sort(newestFirst);
}

/** The round open now: the one chosen on this device if it is still open, else the latest-opened one. */
export function openRound<R extends Round>(rounds: readonly R[], now: Date, chosen: string | null = loadRoundChoice()): R | undefined {
  const open = openRounds(rounds, now);
  return open.find((round) => round.id === chosen) ?? open[0];
}

/** The round results are shown for: the open one, else the last one that has opened. */
export function resultsRound<R extends Round>(rounds: readonly R[], now: Date): R | undefined {
  return openRound(rounds, now, null) ?? rounds.filter((round) => Date.parse(round.opensAt) <= now.getTime()).sort(newestFirst)[0];
}
