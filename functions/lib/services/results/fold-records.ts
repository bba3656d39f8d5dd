// Folds a batch of change records into the aggregates through the ledger, one transaction per part.
// Called by the stream handler (Lambda and the local poller alike), the DLQ replay and recompute.
import { CATALOGUE_COUNTER, type ChangeRecord, type Counter, planFold, recordTarget, splitPlan } from '@shared/aggregation/fold';
import { MAX_TRANSACTION_ACTIONS } from '../../repo/aggregates-repo';
import type { AggregatesRepo } from '../../repo/types';

/** How often a part is re-planned when another writer moved its ledger entries first. */
const MAX_REPLANS = 5;

export interface FoldOutcome {
  /** Sequence number of the earliest record whose fold did not land, if any. */
  firstFailedSequenceNumber?: string;
  aggregateWrites: number;
  ledgerWrites: number;
  skipped: number;
  /** Errors of parts that did not land (their records are retried from `firstFailedSequenceNumber`). */
  errors: unknown[];
}

export interface FoldOptions {
  slot: number;
  now: () => Date;
  /** How the records' round counts its responses (default: the built-in catalogue). */
  counter?: Counter;
}

/** Folds `records` (in stream order). Never double counts: a retry of the same records is a no-op. */
export async function foldRecords(records: readonly ChangeRecord[], aggregates: AggregatesRepo, options: FoldOptions): Promise<FoldOutcome> {
  const outcome: FoldOutcome = { aggregateWrites: 0, ledgerWrites: 0, skipped: 0, errors: [] };
  if (records.length === 0) return outcome;
  const ids = records.map((record) => recordTarget(record).responseId);
  const counter = options.counter ?? CATALOGUE_COUNTER;
  const plan = planFold(records, await aggregates.readLedger(ids), counter);
  outcome.skipped = plan.skipped;
  for (const part of splitPlan(plan, MAX_TRANSACTION_ACTIONS)) {
    const partIds = new Set(part.ledgerUpdates.map((u) => u.next.responseId));
    const partRecords = records.filter((record) => partIds.has(recordTarget(record).responseId));
    let current = part;
    let applied = false;
    try {
      for (let attempt = 0; attempt < MAX_REPLANS && !applied; attempt += 1) {
        if (attempt > 0) {
          // Someone else (a replay, a recompute) folded some of these responses meanwhile: plan again.
          current = planFold(partRecords, await aggregates.readLedger([...partIds]), counter);
        }
        applied = await aggregates.applyPlan(current, options.slot, options.now().toISOString());
      }
    } catch (error) {
      outcome.errors.push(error);
    }
    if (!applied) {
      outcome.firstFailedSequenceNumber = earliest(
        partRecords.map((r) => r.sequenceNumber),
        outcome.firstFailedSequenceNumber,
      );
      continue;
    }
    outcome.aggregateWrites += current.deltas.length;
    outcome.ledgerWrites += current.ledgerUpdates.length;
  }
  return outcome;
}

/** Stream sequence numbers are decimal strings of varying length: compare as numbers. */
export function compareSequenceNumbers(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

function earliest(candidates: string[], current: string | undefined): string | undefined {
  return [...candidates, ...(current ? [current] : [])].sort(compareSequenceNumbers)[0];
}

/** A slot in [0, slots) picked from the batch, so concurrent shards tend to write different rows. */
export function slotFor(sequenceNumber: string, slots: number): number {
  let hash = 0;
  for (let i = 0; i < sequenceNumber.length; i += 1) hash = (hash * 31 + sequenceNumber.charCodeAt(i)) >>> 0;
  return hash % slots;
}
