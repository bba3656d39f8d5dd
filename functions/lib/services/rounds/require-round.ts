// A round a request names: it must exist (400 on the field that named it), and for writes be open now (403).
import type { Round } from '@shared/api/contract';
import { isRoundOpen } from '@shared/rounds/round-window';
import { problem } from '../../errors';
import type { ReferenceRepo } from '../../repo/types';

/** The round `roundId` names, or a field-level 400 `validation.unknown_round` on `path`. */
export async function requireRound(reference: Pick<ReferenceRepo, 'getRound'>, roundId: string, path = 'roundId'): Promise<Round> {
  const round = await reference.getRound(roundId);
  if (!round) throw problem.invalidField(path, 'validation.unknown_round');
  return round;
}

/** Throws `round_closed` (403) unless the round takes answers at `now`. */
export function assertRoundOpen(round: Round, now: Date): void {
  if (!isRoundOpen(round, now)) throw problem.roundClosed();
}

/**
 * Whether a write to a round that is not open at `now` goes ahead as an admin's correction: collectors and links
 * get `round_closed` (403); an admin must say why (400 on `reason`), and the reason is kept in the history.
 */
export function correctionOf(round: Round, now: Date, actor: { corrects?: boolean }, reason: string | undefined): boolean {
  if (isRoundOpen(round, now)) return false;
  if (!actor.corrects) throw problem.roundClosed();
  if (!reason?.trim()) throw problem.invalidField('reason', 'validation.reason_required');
  return true;
}
