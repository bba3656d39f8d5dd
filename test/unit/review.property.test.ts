// Review states move the aggregates through the same ledger as edits: random interleavings of creates, edits,
// review actions, deletes and replays, delivered with duplicates, old batches again, dead letters replayed late
// and recomputes racing the stream, leave every ward's figures equal to an independent count of the responses
// each count policy counts, and the per-state household counts equal the responses in each state.
import type { ChangeRecord } from '@shared/aggregation/fold';
import { addTally, type Tally, tallyOf } from '@shared/indicators/tally';
import { APPROVED_STATES, countedStates, REVIEW_STATES, type ReviewCounts, type ReviewState, SUBMITTED_STATES } from '@shared/review/review';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { wardTallies } from '../../functions/lib/services/results/read-aggregates';
import { recomputeRound } from '../../functions/lib/services/results/recompute';
import { wardReviewCounts } from '../../functions/lib/services/results/review-figures';
import { createStreamHandler } from '../../functions/lib/stream/create-stream-handler';
import { applyOp, lambdaEvent, normalized, type Op, opArbitrary, propertyParameters, SMALL_TREE } from '../support/fold-harness';
import { createMemoryRepository, type MemoryRepository } from '../support/memory-repo';

const ROUND = 'r1';
const NOW = () => new Date('2026-01-03T00:00:00Z');
const quiet = () => {};

type ReviewOp = { kind: 'review'; id: number; state: ReviewState };
type AnyOp = Op | ReviewOp;

const reviewOp: fc.Arbitrary<ReviewOp> = fc.record({ kind: fc.constant('review' as const), id: fc.nat(4), state: fc.constantFrom(...REVIEW_STATES) });
const anyOp: fc.Arbitrary<AnyOp> = fc.oneof({ weight: 3, arbitrary: opArbitrary({ purge: false }) }, { weight: 2, arbitrary: reviewOp });

type Fault = 'none' | 'duplicate' | 'deadLetter' | 'redeliverOld' | 'recompute';
interface DeliveryPlan {
  batchSize: number;
  slots: number;
  faults: Fault[];
}
const delivery: fc.Arbitrary<DeliveryPlan> = fc.record({
  batchSize: fc.integer({ min: 1, max: 5 }),
  slots: fc.integer({ min: 1, max: 3 }),
  faults: fc.array(fc.constantFrom<Fault>('none', 'duplicate', 'deadLetter', 'redeliverOld', 'recompute'), { maxLength: 12 }),
});

/** Applies one op as the API would: a review is a new version carrying the state, as an edit is. */
async function apply(op: AnyOp, repo: MemoryRepository) {
  if (op.kind !== 'review') {
    // The harness's edits write items without a review: as the API's edits, they send a response back to submitted.
    await applyOp(op, { roundId: ROUND, responseId: (n) => `resp-${n}`, responses: repo.responses, purged: new Set(), purge: async () => {} });
    return;
  }
  const live = await repo.responses.get(`resp-${op.id}`);
  if (!live || live.deletedAt) return;
  const review = { state: op.state, ...(op.state === 'returned' || op.state === 'rejected' ? { comment: 'why' } : {}), by: 'official', at: 'now' };
  await repo.responses.replace({ ...live, version: live.version + 1, review }, live.version);
}

const recompute = (repo: MemoryRepository, slots: number, generation?: number) =>
  recomputeRound(ROUND, { responses: repo.responses, aggregates: repo.aggregates, areaTree: async () => SMALL_TREE, slots, clock: NOW, generation });

async function deliver(repo: MemoryRepository, changes: readonly ChangeRecord[], { batchSize, slots, faults }: DeliveryPlan) {
  const handler = createStreamHandler({ aggregates: repo.aggregates, slots, clock: NOW, log: quiet });
  const call = async (records: readonly ChangeRecord[]) => expect((await handler(lambdaEvent(records))).batchItemFailures).toEqual([]);
  const deadLetters: ChangeRecord[][] = [];
  for (let position = 0, step = 0; position < changes.length; position += batchSize, step += 1) {
    const batch = changes.slice(position, position + batchSize);
    const fault = faults[step] ?? 'none';
    if (fault === 'deadLetter') {
      deadLetters.push(batch);
      continue;
    }
    if (fault === 'recompute') await recompute(repo, slots);
    if (fault === 'redeliverOld' && position > 0) await call(changes.slice(Math.max(0, position - 2 * batchSize), position));
    await call(batch);
    if (fault === 'duplicate') await call(batch);
  }
  for (const letter of deadLetters) await call(letter);
}

/** The independent count: per ward, the tallies of the live responses whose state is in `states`. */
function truthOf(items: Iterable<StoredResponseItem>, states: readonly ReviewState[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const item of items) {
    if (item.roundId !== ROUND || item.deletedAt || !states.includes(item.review?.state ?? 'submitted')) continue;
    out.set(item.wardCode, addTally(out.get(item.wardCode) ?? {}, tallyOf(item)));
  }
  return out;
}

function stateCountsOf(items: Iterable<StoredResponseItem>): Record<string, ReviewCounts> {
  const out: Record<string, ReviewCounts> = {};
  for (const item of items) {
    if (item.roundId !== ROUND || item.deletedAt) continue;
    out[item.wardCode] ??= { submitted: 0, approved: 0, returned: 0, rejected: 0 };
    out[item.wardCode][item.review?.state ?? 'submitted'] += 1;
  }
  return out;
}

async function expectExact(repo: MemoryRepository, roundKey = ROUND) {
  const rows = await repo.aggregates.readRoundRows(roundKey);
  const items = [...repo.responseItems.values()];
  for (const policy of ['submitted', 'approved'] as const) {
    expect(normalized(wardTallies(rows, countedStates(policy)).tallies)).toEqual(normalized(truthOf(items, countedStates(policy))));
  }
  // The approved policy's two views: confirmed (approved only) and provisional (all but rejected).
  expect(normalized(wardTallies(rows, APPROVED_STATES).tallies)).toEqual(normalized(truthOf(items, ['approved'])));
  expect(normalized(wardTallies(rows, SUBMITTED_STATES).tallies)).toEqual(normalized(truthOf(items, SUBMITTED_STATES)));
  const counts = Object.fromEntries([...wardReviewCounts(rows)].filter(([, c]) => REVIEW_STATES.some((s) => c[s] !== 0)));
  expect(counts).toEqual(stateCountsOf(items));
}

describe('review through the fold (property)', { timeout: 30_000 }, () => {
  it('keeps every policy view exact under any interleaving of edits, reviews, deletes, replays and recomputes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyOp, { minLength: 1, maxLength: 30 }), delivery, async (ops, how) => {
        const repo = createMemoryRepository();
        for (const op of ops) await apply(op, repo);
        await deliver(repo, repo.changes, how);
        await expectExact(repo);
        expect(await recompute(repo, how.slots)).toMatchObject({ drift: [], repaired: [], remaining: [], lagging: 0 });
        // A recompute into a new generation (a changed indicator list) counts every bucket as the stream did.
        await recompute(repo, how.slots, 2);
        await expectExact(repo, `${ROUND}#g2`);
      }),
      propertyParameters(100),
    );
  });

  it('repairs a corrupted bucket row exactly, whichever bucket it is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyOp, { minLength: 1, maxLength: 20 }),
        fc.constantFrom('approved' as const, 'returned' as const, 'rejected' as const),
        async (ops, bucket) => {
          const repo = createMemoryRepository();
          for (const op of ops) await apply(op, repo);
          await deliver(repo, repo.changes, { batchSize: 4, slots: 2, faults: [] });
          // Someone edits an aggregate row by hand.
          await repo.aggregates.correctWard(ROUND, 'W1', { households: 3 }, [], 1, 'now', bucket);
          const report = await recompute(repo, 2);
          expect(report.drift.some((d) => d.bucket === bucket && d.areaCode === 'W1')).toBe(true);
          expect(report.remaining).toEqual([]);
          await expectExact(repo);
        },
      ),
      propertyParameters(50),
    );
  });
});
