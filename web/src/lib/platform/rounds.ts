// Which survey round a page works on, decided from the rounds the API lists and the device's clock.
import type { Round } from '@shared/api/contract';
import { isRoundOpen } from '@shared/rounds/round-window';

/** The round open now (opensAt ≤ now < closesAt); the latest-opened one if several overlap. */
export function openRound(rounds: readonly Round[], now: Date): Round | undefined {
  return rounds.filter((round) => isRoundOpen(round, now)).sort((a, b) => Date.parse(b.opensAt) - Date.parse(a.opensAt))[0];
}

/** The round results are shown for: the open one, else the last one that has opened. */
export function resultsRound(rounds: readonly Round[], now: Date): Round | undefined {
  return (
    openRound(rounds, now) ??
    rounds.filter((round) => Date.parse(round.opensAt) <= now.getTime()).sort((a, b) => Date.parse(b.opensAt) - Date.parse(a.opensAt))[0]
  );
}
