// Folds a batch into every generation of counters its rounds' counting states name (the stream handler, the
// DLQ replay, the test harness).
import type { ChangeRecord } from '@shared/aggregation/fold';
import { recordInGeneration, roundOfRecord } from '@shared/aggregation/generations';
import type { AggregatesRepo } from '../../repo/types';
import type { FoldTargets } from '../indicators/fold-targets';
import { compareSequenceNumbers, type FoldOutcome, foldRecords } from './fold-records';

/**
 * Folds each round's records into every generation its counting state names. Each generation has its own
 * ledger, so one that landed is a no-op when the batch is retried for another that did not.
 */
export async function foldIntoGenerations(
  records: readonly ChangeRecord[],
  aggregates: AggregatesRepo,
  foldTargets: FoldTargets,
  slot: number,
  now: () => Date,
): Promise<FoldOutcome> {
  const byRound = new Map<string, ChangeRecord[]>();
  for (const record of records) {
    const roundId = roundOfRecord(record);
    const list = byRound.get(roundId);
    if (list) list.push(record);
    else byRound.set(roundId, [record]);
  }
  const targets = await foldTargets([...byRound.keys()]);
  const outcome: FoldOutcome = { aggregateWrites: 0, ledgerWrites: 0, skipped: 0, errors: [] };
  for (const [roundId, roundRecords] of byRound) {
    for (const { generation, counter } of targets.get(roundId) ?? []) {
      const part = await foldRecords(
        roundRecords.map((record) => recordInGeneration(record, generation)),
        aggregates,
        { slot, now, counter },
      );
      outcome.aggregateWrites += part.aggregateWrites;
      outcome.ledgerWrites += part.ledgerWrites;
      outcome.skipped += part.skipped;
      outcome.errors.push(...part.errors);
      const failed = part.firstFailedSequenceNumber;
      if (failed && (!outcome.firstFailedSequenceNumber || compareSequenceNumbers(failed, outcome.firstFailedSequenceNumber) < 0)) {
        outcome.firstFailedSequenceNumber = failed;
      }
    }
  }
  return outcome;
}
