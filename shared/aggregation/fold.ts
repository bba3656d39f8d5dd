// The pure fold from response changes to ward aggregate deltas, exactly once per response version.
//
// Streams deliver at least once, in order per item only. So instead of trusting each record's old image,
// every response has a ledger entry: the version and the contribution that is currently counted in the
// aggregates. A record newer than the ledger moves the aggregates from the ledger's contribution to the
// record's own; a record not newer is a replay and changes nothing. The repository writes the ledger
// entries and the aggregate deltas of a plan in one transaction, so a crash never splits them.
import { TALLY_KEYS, type Tally, tallyOf } from '../indicators/tally';
import type { ReviewBucket, ReviewState } from '../review/review';
import type { Household, Member } from '../survey/schema';
import { BY_NAME, TallySums } from './tally-sums';

/**
 * How a response counts: its tally for one indicator list, and that list's counters at zero. Every tally is a
 * clone of `zero`, so its keys come in zero's order, the order the fold's sums are kept in (tally-sums.ts).
 */
export interface Counter {
  zero: Tally;
  count(image: ResponseImage): Tally;
}

/** household-dx v1's built-in catalogue: what rounds counted before indicator lists were data (and the tests' default). */
export const CATALOGUE_COUNTER: Counter = { zero: Object.fromEntries(TALLY_KEYS.map((key) => [key, 0])), count: tallyOf };

/** A response item as stored (and as the stream's images carry it). */
export interface ResponseImage {
  id: string;
  roundId: string;
  wardCode: string;
  villageCode: string;
  version: number;
  referenceYear: number;
  household: Household;
  members: Member[];
  deletedAt?: string;
  /** Absent on responses stored before review existed: submitted. */
  review?: { state: ReviewState };
}

/** One stream record, reduced to what the fold needs. REMOVE has no new image. */
export interface ChangeRecord {
  sequenceNumber: string;
  oldImage?: ResponseImage;
  newImage?: ResponseImage;
}

export interface AggregateKey {
  roundId: string;
  wardCode: string;
  /**
   * The review bucket the tally sits in; absent for submitted responses. A review moves a response's tally from
   * one bucket to another exactly as an edit moves it between wards, and readers sum the buckets a policy counts.
   */
  bucket?: ReviewBucket;
}

/** What the aggregates currently count for one response. */
export interface LedgerEntry {
  responseId: string;
  version: number;
  /** Where the tally is counted; null when the response counts nowhere (deleted). */
  key: AggregateKey | null;
  tally: Tally;
}

export interface Contribution {
  key: AggregateKey;
  tally: Tally;
}

export interface LedgerUpdate {
  /** The ledger version the update was planned against (null: no entry yet); the write is conditional on it. */
  expectedVersion: number | null;
  /** The entry it was planned against: with `next`, this response's share of the deltas (`deltasOf`). */
  previous: LedgerEntry | null;
  next: LedgerEntry;
}

export interface FoldPlan {
  ledgerUpdates: LedgerUpdate[];
  /** Summed per aggregate key; zero deltas are left out. */
  deltas: Contribution[];
  /** Records that were replays of what the ledger already counts. */
  skipped: number;
}

export const aggregateKeyId = (key: AggregateKey) => (key.bucket ? `${key.roundId}#${key.wardCode}#${key.bucket}` : `${key.roundId}#${key.wardCode}`);

/** What a stored response adds to the aggregates, in its review bucket: nothing once deleted. */
export function contributionOf(image: ResponseImage | undefined, counter: Counter = CATALOGUE_COUNTER): Contribution | null {
  if (!image || image.deletedAt) return null;
  const state = image.review?.state;
  // Submitted (and unreviewed) keys keep their shape from before review existed: the hot path is unchanged.
  const key: AggregateKey =
    state === undefined || state === 'submitted'
      ? { roundId: image.roundId, wardCode: image.wardCode }
      : { roundId: image.roundId, wardCode: image.wardCode, bucket: state };
  return { key, tally: counter.count(image) };
}

/** The response a record is about and the version it brings (a hard REMOVE comes after its old image). */
export function recordTarget(record: ChangeRecord): { responseId: string; version: number } {
  if (record.newImage) return { responseId: record.newImage.id, version: record.newImage.version };
  if (record.oldImage) return { responseId: record.oldImage.id, version: record.oldImage.version + 1 };
  throw new Error(`stream record ${record.sequenceNumber} has no image`);
}

/**
 * Plans the writes that fold `records` (in stream order) into the aggregates, given the ledger entries of
 * the responses they touch. Pure: the same records and ledger always give the same plan.
 */
export function planFold(records: readonly ChangeRecord[], ledger: ReadonlyMap<string, LedgerEntry>, counter: Counter = CATALOGUE_COUNTER): FoldPlan {
  // Per response, the ledger entry before this batch and after it. Versions in between cancel out, so
  // only the two ends count, and they are compared once, after the loop.
  const before = new Map<string, LedgerEntry | null>();
  const after = new Map<string, LedgerEntry>();
  let skipped = 0;

  for (const record of records) {
    const { responseId, version } = recordTarget(record);
    if (!before.has(responseId)) before.set(responseId, ledger.get(responseId) ?? null);
    const counted = after.get(responseId) ?? before.get(responseId);
    if (version <= (counted?.version ?? 0)) {
      skipped += 1;
      continue;
    }
    const next = contributionOf(record.newImage, counter);
    // The ledger moves to this version even when nothing counted changes (a name corrected, a response
    // deleted before it was ever counted): an older record delivered later (a dead-lettered batch being
    // replayed, a stream lagging behind recompute) must find the ledger newer and change nothing.
    after.set(responseId, { responseId, version, key: next?.key ?? null, tally: next?.tally ?? {} });
  }

  const ledgerUpdates: LedgerUpdate[] = [];
  const sums = new TallySums<AggregateKey>(Object.keys(counter.zero));
  for (const [responseId, next] of after) {
    const previous = before.get(responseId) ?? null;
    ledgerUpdates.push({ expectedVersion: previous?.version ?? null, previous, next });
    addUpdate(sums, previous, next);
  }
  return { ledgerUpdates, deltas: sums.nonZero(), skipped };
}

/** One response's share of a plan's deltas: what moving its count from `previous` to `next` adds per key. */
export function deltasOf(update: LedgerUpdate): Contribution[] {
  const sums = new TallySums<AggregateKey>(BY_NAME);
  addUpdate(sums, update.previous, update.next);
  return sums.nonZero();
}

function addUpdate(sums: TallySums<AggregateKey>, previous: LedgerEntry | null, next: LedgerEntry) {
  if (previous?.key) sums.add(aggregateKeyId(previous.key), previous.key, previous.tally, -1);
  if (next.key) sums.add(aggregateKeyId(next.key), next.key, next.tally, 1);
}

const hasCounts = (tally: Tally) => {
  for (const counter in tally) if (tally[counter] !== 0) return true;
  return false;
};

function sameCounts(a: Tally, b: Tally): boolean {
  for (const counter in a) if (a[counter] !== (b[counter] ?? 0)) return false;
  for (const counter in b) if (!(counter in a) && b[counter] !== 0) return false;
  return true;
}

/**
 * The keys one update changes, as `deltasOf` finds them but without building its sums: a response that moved
 * from a key to another changes both (each if it counts anything), one that stayed changes its key if its counts did.
 */
function changedKeys(update: LedgerUpdate): { from: AggregateKey | null; to: AggregateKey | null } {
  const { previous, next } = update;
  if (previous?.key && next.key && aggregateKeyId(previous.key) === aggregateKeyId(next.key))
    return sameCounts(previous.tally, next.tally) ? { from: null, to: null } : { from: previous.key, to: next.key };
  return { from: previous?.key && hasCounts(previous.tally) ? previous.key : null, to: next.key && hasCounts(next.tally) ? next.key : null };
}

/**
 * Splits a plan into transactions of at most `maxActions` writes (ledger entries + aggregate rows).
 * A plan that fits stays whole, which is what keeps aggregate writes at one per ward per batch.
 */
export function splitPlan(plan: FoldPlan, maxActions: number): FoldPlan[] {
  if (plan.ledgerUpdates.length + plan.deltas.length <= maxActions) return [plan];
  const parts: FoldPlan[] = [];
  let updates: LedgerUpdate[] = [];
  let sums = new TallySums<AggregateKey>(BY_NAME);
  const flush = () => {
    if (updates.length === 0) return;
    parts.push({ ledgerUpdates: updates, deltas: sums.nonZero(), skipped: 0 });
    updates = [];
    sums = new TallySums<AggregateKey>(BY_NAME);
  };
  for (const update of plan.ledgerUpdates) {
    // Summed in place, as planFold does: no per-update Map or delta objects (they were most of the garbage).
    const { from, to } = changedKeys(update);
    const fromId = from && aggregateKeyId(from);
    const toId = to && aggregateKeyId(to);
    const newKeys = (fromId && !sums.has(fromId) ? 1 : 0) + (toId && toId !== fromId && !sums.has(toId) ? 1 : 0);
    if (updates.length + 1 + sums.size + newKeys > maxActions) flush();
    updates.push(update);
    if (fromId) sums.add(fromId, from, update.previous!.tally, -1);
    if (toId) sums.add(toId, to, update.next.tally, 1);
  }
  flush();
  parts[0] = { ...parts[0], skipped: plan.skipped };
  return parts;
}
