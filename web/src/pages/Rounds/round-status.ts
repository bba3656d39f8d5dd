// A round's status as admins read it.
import type { RoundView } from '../../lib/platform/rounds';

/** upcoming / open / closed by the device's clock when the server does not say. */
export function statusOf(round: RoundView, now = Date.now()): string {
  if (round.status) return round.status;
  if (now < Date.parse(round.opensAt)) return 'upcoming';
  return now < Date.parse(round.closesAt) ? 'open' : 'closed';
}
