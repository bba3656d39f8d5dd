// The pure fold from response changes to ward aggregate deltas, exactly once per response version.
//
// Streams deliver at least once, in order per item only. So instead of trusting each record's old image,
// every response has a ledger entry: the version and the contribution that is currently counted in the
// aggregates. A record newer than the ledger moves the aggregates from the ledger's contribution to the
// record's own; a record not newer is a replay and changes nothing. The repository writes the ledger
// entries and the aggregate deltas of a plan in one transaction, so a crash never splits them.
import { addTally, isZeroTally, tallyEquals, tallyOf, type Tally } from '../indicators/tally';
import type { Household, Member } from '../survey/schema';

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
  next: LedgerEntry;
  /** This response's share of the deltas, kept so a plan can be split into smaller transactions. */
  deltas: Contribution[];
}

export interface FoldPlan {
  ledgerUpdates: LedgerUpdate[];
  /** Summed per aggregate key; zero deltas are left out. */
  deltas: Contribution[];
  /** Records that were replays of what the ledger already counts. */
  skipped: number;
}

export const aggregateKeyId = (key: AggregateKey) => `${key.roundId}#${key.wardCode}`;

/** What a stored response adds to the aggregates: nothing once deleted. */
export function contributionOf(image: ResponseImage | undefined): Contribution | null {
  if (!image || image.deletedAt) return null;
  return { key: { roundId: image.roundId, wardCode: image.wardCode }, tally: tallyOf(image) };
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
export function planFold(records: readonly ChangeRecord[], ledger: ReadonlyMap<string, LedgerEntry>): FoldPlan {
  const current = new Map<string, LedgerEntry>();
  const startVersion = new Map<string, number | null>();
  const responseDeltas = new Map<string, Map<string, Contribution>>();
  let skipped = 0;

  for (const record of records) {
    const { responseId, version } = recordTarget(record);
    if (!startVersion.has(responseId)) startVersion.set(responseId, ledger.get(responseId)?.version ?? null);
    const counted = current.get(responseId) ?? ledger.get(responseId) ?? { responseId, version: 0, key: null, tally: {} };
    if (version <= counted.version) {
      skipped += 1;
      continue;
    }
    const next = contributionOf(record.newImage);
    // The ledger moves to this version even when nothing counted changes (a name corrected, a response
    // deleted before it was ever counted): an older record delivered later (a dead-lettered batch being
    // replayed, a stream lagging behind recompute) must find the ledger newer and change nothing.
    current.set(responseId, { responseId, version, key: next?.key ?? null, tally: next?.tally ?? {} });
    if (sameContribution(counted, next)) continue;
    const deltas = responseDeltas.get(responseId) ?? new Map<string, Contribution>();
    if (counted.key) addDelta(deltas, counted.key, counted.tally, -1);
    if (next) addDelta(deltas, next.key, next.tally, 1);
    responseDeltas.set(responseId, deltas);
  }

  const ledgerUpdates: LedgerUpdate[] = [];
  const total = new Map<string, Contribution>();
  for (const [responseId, next] of current) {
    const deltas = [...(responseDeltas.get(responseId)?.values() ?? [])].filter((d) => !isZeroTally(d.tally));
    for (const delta of deltas) addDelta(total, delta.key, delta.tally, 1);
    ledgerUpdates.push({ expectedVersion: startVersion.get(responseId) ?? null, next, deltas });
  }
  return { ledgerUpdates, deltas: [...total.values()].filter((d) => !isZeroTally(d.tally)), skipped };
}

function sameContribution(counted: LedgerEntry, next: Contribution | null): boolean {
  if (!counted.key || !next) return !counted.key && !next;
  return aggregateKeyId(counted.key) === aggregateKeyId(next.key) && tallyEquals(counted.tally, next.tally);
}

function addDelta(into: Map<string, Contribution>, key: AggregateKey, tally: Tally, sign: 1 | -1) {
  const id = aggregateKeyId(key);
  const existing = into.get(id);
  into.set(id, { key, tally: addTally(existing?.tally ?? {}, tally, sign) });
}

/**
 * Splits a plan into transactions of at most `maxActions` writes (ledger entries + aggregate rows).
 * A plan that fits stays whole, which is what keeps aggregate writes at one per ward per batch.
 */
export function splitPlan(plan: FoldPlan, maxActions: number): FoldPlan[] {
  if (plan.ledgerUpdates.length + plan.deltas.length <= maxActions) return [plan];
  const parts: FoldPlan[] = [];
  let updates: LedgerUpdate[] = [];
  let keys = new Set<string>();
  const flush = () => {
    if (updates.length === 0) return;
    const total = new Map<string, Contribution>();
    for (const update of updates) for (const d of update.deltas) addDelta(total, d.key, d.tally, 1);
    parts.push({ ledgerUpdates: updates, deltas: [...total.values()].filter((d) => !isZeroTally(d.tally)), skipped: 0 });
    updates = [];
    keys = new Set();
  };
  for (const update of plan.ledgerUpdates) {
    const newKeys = update.deltas.map((d) => aggregateKeyId(d.key)).filter((id) => !keys.has(id));
    if (updates.length + 1 + keys.size + newKeys.length > maxActions) flush();
    updates.push(update);
    for (const d of update.deltas) keys.add(aggregateKeyId(d.key));
  }
  flush();
  parts[0] = { ...parts[0], skipped: plan.skipped };
  return parts;
}
