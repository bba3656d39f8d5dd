// The DynamoDB Streams handler: Lambda calls it in AWS, the local poller calls the very same function.
// It reports partial batch failures so a retry restarts at the first record that did not land.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { type Log, logError } from '../logger';
import { changeRecordOf } from '../repo/stream-records';
import type { AggregatesRepo, ExportJobsRepo, HistoryRepo } from '../repo/types';
import { noteResponseChanges } from '../services/exports/note-response-changes';
import { recordHistory } from '../services/history/record-history';
import { catalogueFoldTargets, type FoldTargets } from '../services/indicators/fold-targets';
import { foldIntoGenerations } from '../services/results/fold-generations';
import { slotFor } from '../services/results/fold-records';

export interface StreamHandlerDeps {
  aggregates: AggregatesRepo;
  /** Aggregate rows per ward (spreads a busy ward's writes). */
  slots: number;
  clock?: () => Date;
  log?: Log;
  /** Where the responses change counter of export jobs is kept; absent: not counted. */
  exportJobs?: Pick<ExportJobsRepo, 'addResponseChanges'>;
  /** Each round's generations and indicator lists (default: generation 1 with the built-in catalogue). */
  foldTargets?: FoldTargets;
  /** Where each response's history is appended; absent: none kept. */
  history?: Pick<HistoryRepo, 'append'>;
}

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export function createStreamHandler({
  aggregates,
  slots,
  clock = () => new Date(),
  log = logError,
  exportJobs,
  foldTargets = catalogueFoldTargets,
  history,
}: StreamHandlerDeps): StreamHandler {
  return async (event) => {
    const records = event.Records.map(changeRecordOf);
    if (records.length === 0) return { batchItemFailures: [] };
    const slot = slotFor(records[0].sequenceNumber, slots);
    let outcome;
    try {
      outcome = await foldIntoGenerations(records, aggregates, foldTargets, slot, clock);
    } catch (error) {
      // Reading the ledger failed: nothing was written, the whole batch is retried.
      log('fold failed before writing', { error: String(error), records: records.length });
      return { batchItemFailures: [{ itemIdentifier: records[0].sequenceNumber }] };
    }
    try {
      if (exportJobs) await noteResponseChanges(records, exportJobs);
    } catch (error) {
      // Retried with the batch (the fold is idempotent): an uncounted change would let an export job be reused.
      log('export change count failed', { error: String(error), records: records.length });
      return { batchItemFailures: [{ itemIdentifier: records[0].sequenceNumber }] };
    }
    try {
      if (history) await recordHistory(records, history);
    } catch (error) {
      // Retried with the batch: entries already written are kept as they are, the missing ones are added.
      log('history append failed', { error: String(error), records: records.length });
      return { batchItemFailures: [{ itemIdentifier: records[0].sequenceNumber }] };
    }
    for (const error of outcome.errors) log('fold part failed', { error: String(error) });
    if (outcome.firstFailedSequenceNumber) return { batchItemFailures: [{ itemIdentifier: outcome.firstFailedSequenceNumber }] };
    return { batchItemFailures: [] };
  };
}
