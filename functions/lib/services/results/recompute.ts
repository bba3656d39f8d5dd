// Recompute: the recovery path beside the stream fold (admin API, `npm run recompute`, DLQ replay fallback).
// It reads a round's responses ward by ward (a Query per ward on the byRoundWard index, never a table scan),
// several wards at a time (a bounded pool: a province of 600 wards is minutes read one by one),
// folds those the ledger has not caught up with through the same ledger as the stream (so a stream running
// at the same time cannot double count), and repairs wards whose stored counts no longer equal what their
// ledger entries add up to: that can only be corruption, since every fold moves both in one transaction.

import { CATALOGUE_COUNTER, type Counter, contributionOf } from '@shared/aggregation/fold';
import { imageInGeneration } from '@shared/aggregation/generations';
import type { AreaTree } from '@shared/areas/areas';
import { countingKey } from '@shared/indicators/counting';
import { addTally, addTallyInto, isZeroTally, type Tally, zeroTally } from '@shared/indicators/tally';
import type { AggregateRow, AggregatesRepo, ResponsesRepo, StoredResponseItem } from '../../repo/types';
import { type BucketOrSubmitted, cellOf, cellTallies, correctionOf, counterOf, type DriftEntry, type DriftField, findCellDrift, ROW_BUCKETS } from './drift';
import { foldRecords } from './fold-records';
import { runPool } from './run-pool';

const LEDGER_CHUNK = 100;
/** Wards read at once by default; each holds at most two pages and one ledger chunk. */
export const RECOMPUTE_CONCURRENCY = 16;
/** Passes before giving up on a round that keeps moving (a busy stream); each pass re-reads everything. */
const MAX_PASSES = 5;

export interface RecomputeDeps {
  responses: ResponsesRepo;
  aggregates: AggregatesRepo;
  /** The tree of the round's set (services/rounds/round-tree.ts): its wards are the ones checked. */
  areaTree: () => Promise<AreaTree>;
  /** Aggregate rows per ward (the stream handler's setting). */
  slots: number;
  clock: () => Date;
  /** Wards read at once (default RECOMPUTE_CONCURRENCY). */
  concurrency?: number;
  /** The generation of the round's counters to recompute and how its list counts (default: 1, the built-in catalogue). */
  generation?: number;
  counter?: Counter;
  /** Called as responses are read (the first pass only): how many so far. */
  onProgress?: (processed: number) => void;
}

/** One counter of one ward (and review bucket, absent for submitted) that recompute corrected. */
export interface RepairEntry {
  wardCode: string;
  bucket?: BucketOrSubmitted;
  indicatorId: string;
  field: DriftField;
  before: number;
  after: number;
}

export interface RecomputeReport {
  roundId: string;
  checkedWards: number;
  /** Live responses of the round (when recompute began); tombstones are counted in `deleted`. */
  responses: number;
  deleted: number;
  /** Response versions the aggregates had not counted yet; recompute folded them. */
  lagging: number;
  /** Stored against true figures when recompute began. */
  drift: DriftEntry[];
  /** Corrections written to wards whose stored counts differed from their ledger. */
  repaired: RepairEntry[];
  /** Drift left at the end: empty when every aggregate is exact. */
  remaining: DriftEntry[];
  passes: number;
}

// Sums are kept per cell: a ward's rows of one review bucket (see drift.ts), so a review that moved a
// response between buckets is checked and repaired exactly like an edit that moved it between wards.
interface RoundScan {
  truth: Map<string, Tally>;
  /** Per cell, the sum of the ledger entries (of the responses read) counted there. */
  ledgerSums: Map<string, Tally>;
  /** Wards with a response whose ledger version differs from its stored version: not to be corrected yet. */
  unsettled: Set<string>;
  lagging: number;
  responses: number;
  deleted: number;
}

/** Adds in place: a province scan adds a million tallies, and copying the running sum each time dominated it. */
function addTo(into: Map<string, Tally>, key: string, tally: Tally) {
  const sum = into.get(key);
  if (sum) addTallyInto(sum, tally);
  else into.set(key, addTallyInto(zeroTally(), tally));
}

/**
 * Recomputes every aggregate of a round from the responses table, reports drift and repairs it.
 * Safe while the stream handler runs: folds go through the ledger and corrections are conditional on the
 * rows being as read. Run it after dead letters were replayed: a response hard-deleted (never done by the
 * API) whose REMOVE is still unfolded looks like corruption to it.
 */
export async function recomputeRound(roundId: string, deps: RecomputeDeps): Promise<RecomputeReport> {
  const tree = await deps.areaTree();
  const counted = countingKey(roundId, deps.generation ?? 1);
  const report: RecomputeReport = { roundId, checkedWards: 0, responses: 0, deleted: 0, lagging: 0, drift: [], repaired: [], remaining: [], passes: 0 };
  for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
    report.passes = pass;
    // Rows before responses and ledger: a fold landing after the rows were read bumps their rev, so a
    // correction computed from these reads is refused instead of undoing that fold.
    const rows = await deps.aggregates.readRoundRows(counted);
    const stored = cellTallies(rows);
    const wardCodes = wardsToCheck(tree, rows);
    const scan = await scanRound(roundId, wardCodes, deps, true, pass === 1 ? deps.onProgress : undefined);
    if (pass === 1)
      Object.assign(report, {
        checkedWards: wardCodes.length,
        responses: scan.responses,
        deleted: scan.deleted,
        drift: findCellDrift(stored, scan.truth, tree),
      });
    report.lagging += scan.lagging;

    const corrections = wardCodes
      .filter((wardCode) => !scan.unsettled.has(wardCode))
      .flatMap((wardCode) =>
        ROW_BUCKETS.map((bucket) => {
          const cell = cellOf(wardCode, bucket);
          return { wardCode, bucket, cell, correction: correctionOf(stored.get(cell) ?? {}, scan.ledgerSums.get(cell) ?? {}) };
        }),
      )
      .filter(({ correction }) => !isZeroTally(correction));
    if (scan.unsettled.size === 0 && corrections.length === 0) {
      report.remaining = findCellDrift(stored, scan.truth, tree);
      return report;
    }
    for (const { wardCode, bucket, cell, correction } of corrections) {
      const wardRows = rows.filter((row) => row.wardCode === wardCode && row.bucket === bucket);
      const slots = Math.max(deps.slots, ...wardRows.map((row) => row.slot + 1));
      // Refused when a fold touched the ward since its rows were read; the next pass reads again.
      if (await deps.aggregates.correctWard(counted, wardCode, correction, wardRows, slots, deps.clock().toISOString(), bucket)) {
        report.repaired.push(...repairEntries(wardCode, bucket, stored.get(cell) ?? {}, correction));
      }
    }
  }
  // Still moving after every pass: report what a last look shows, without folding.
  const rows = await deps.aggregates.readRoundRows(counted);
  const scan = await scanRound(roundId, wardsToCheck(tree, rows), deps, false);
  report.remaining = findCellDrift(cellTallies(rows), scan.truth, tree);
  return report;
}

/** The tree's wards and any other ward that has rows (a ward code the tree no longer knows). */
function wardsToCheck(tree: AreaTree, rows: readonly AggregateRow[]): string[] {
  return [...new Set([...tree.ofLevel('ward').map((w) => w.code), ...rows.map((r) => r.wardCode)])].sort();
}

async function scanRound(
  roundId: string,
  wardCodes: readonly string[],
  deps: RecomputeDeps,
  fold: boolean,
  onProgress?: (processed: number) => void,
): Promise<RoundScan> {
  const generation = deps.generation ?? 1;
  const counter = deps.counter ?? CATALOGUE_COUNTER;
  const counted = countingKey(roundId, generation);
  const scan: RoundScan = { truth: new Map(), ledgerSums: new Map(), unsettled: new Set(), lagging: 0, responses: 0, deleted: 0 };
  const settle = async (items: StoredResponseItem[]) => {
    const ledger = await deps.aggregates.readLedger(items.map((item) => item.id));
    const behind: StoredResponseItem[] = [];
    for (const item of items) {
      const entry = ledger.get(item.id);
      if ((entry?.version ?? 0) !== item.version) {
        // Behind: the stream has not folded this version yet. Ahead: the index has not caught up with the table.
        scan.unsettled.add(item.wardCode);
        if (entry?.key) scan.unsettled.add(entry.key.wardCode);
        if ((entry?.version ?? 0) < item.version) behind.push(item);
      }
      if (entry?.key?.roundId === counted) addTo(scan.ledgerSums, cellOf(entry.key.wardCode, entry.key.bucket), entry.tally);
    }
    scan.lagging += behind.length;
    if (fold && behind.length > 0) {
      // The latest image as a record: the ledger skips it if the stream gets there first, and skips the
      // stream's older records after it.
      await foldRecords(
        behind.map((item, index) => ({ sequenceNumber: String(index), newImage: item })),
        deps.aggregates,
        { slot: 0, now: deps.clock, counter },
      );
    }
  };
  // Wards are independent segments; the scan's sums are only touched between awaits, so sharing them is safe.
  await runPool(wardCodes, deps.concurrency ?? RECOMPUTE_CONCURRENCY, async (wardCode) => {
    let chunk: StoredResponseItem[] = [];
    for await (const stored of deps.responses.listAllInWard(roundId, wardCode)) {
      const item = imageInGeneration(stored, generation);
      const contribution = contributionOf(item, counter);
      if (contribution) {
        scan.responses += 1;
        addTo(scan.truth, cellOf(contribution.key.wardCode, contribution.key.bucket), contribution.tally);
      } else {
        scan.deleted += 1;
      }
      chunk.push(item);
      onProgress?.(scan.responses);
      if (chunk.length === LEDGER_CHUNK) {
        await settle(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await settle(chunk);
  });
  // Sums kept their zero counters while adding; corrections and reports list only counters that are not zero.
  for (const sums of [scan.truth, scan.ledgerSums]) for (const [cell, sum] of sums) sums.set(cell, addTally({}, sum));
  return scan;
}

function repairEntries(wardCode: string, bucket: BucketOrSubmitted, before: Tally, correction: Tally): RepairEntry[] {
  return Object.entries(correction).map(([key, delta]) => ({
    wardCode,
    ...(bucket ? { bucket } : {}),
    ...counterOf(key),
    before: before[key] ?? 0,
    after: (before[key] ?? 0) + delta,
  }));
}
