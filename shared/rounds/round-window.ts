// When a survey round takes answers: from opensAt (inclusive) to closesAt (exclusive). Pure; the server decides
// with its clock, the web app with the device's.

export interface RoundWindow {
  opensAt: string;
  closesAt: string;
}

/** Whether `round` is open at `now`: opensAt ≤ now < closesAt. */
export function isRoundOpen(round: RoundWindow, now: Date): boolean {
  return Date.parse(round.opensAt) <= now.getTime() && now.getTime() < Date.parse(round.closesAt);
}
