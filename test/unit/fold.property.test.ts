// The fold is exact under any delivery a DynamoDB stream and Lambda can produce: random operations on
// responses, then a random delivery of their change records (duplicates, retries from a partial failure,
// bisected batches, crashes between transaction parts, dead-lettered batches replayed late, old batches
// delivered again), checked against a full recompute from the final responses.

import { type ChangeRecord, planFold, splitPlan } from '@shared/aggregation/fold';
import { addTally, type Tally, tallyEquals } from '@shared/indicators/tally';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { recomputeRound } from '../../functions/lib/services/results/recompute';
import { createStreamHandler } from '../../functions/lib/stream/create-stream-handler';
import {
  allLevels,
  answers,
  applyOp,
  crashingAggregates,
  lambdaEvent,
  normalized,
  type Op,
  opArbitrary,
  propertyParameters,
  rowsOf,
  SMALL_TREE,
  storedItem,
  storedWardTallies,
  trueWardTallies,
} from '../support/fold-harness';
import { createMemoryRepository, type MemoryRepository } from '../support/memory-repo';

const ROUND = 'r1';
const MAX_RETRIES = 5;
const NOW = () => new Date('2026-01-03T00:00:00Z');
const quiet = () => {};

type Fault =
  | { kind: 'none' }
  | { kind: 'duplicate' }
  | { kind: 'throwBefore' }
  | { kind: 'throwAfter' }
  | { kind: 'partial'; at: number }
  | { kind: 'bisect' }
  | { kind: 'crash'; parts: number }
  | { kind: 'deadLetter' }
  | { kind: 'redeliverOld'; from: number; length: number }
  | { kind: 'recompute' };

const baseFaults: fc.Arbitrary<Fault>[] = [
  fc.constant({ kind: 'none' as const }),
  fc.constant({ kind: 'duplicate' as const }),
  fc.constant({ kind: 'throwBefore' as const }),
  fc.constant({ kind: 'throwAfter' as const }),
  fc.record({ kind: fc.constant('partial' as const), at: fc.nat(8) }),
  fc.constant({ kind: 'bisect' as const }),
  fc.record({ kind: fc.constant('crash' as const), parts: fc.nat(3) }),
  fc.constant({ kind: 'deadLetter' as const }),
  fc.record({ kind: fc.constant('redeliverOld' as const), from: fc.nat(40), length: fc.integer({ min: 1, max: 8 }) }),
];
const faultArbitrary = (withRecompute: boolean) => fc.oneof(...baseFaults, ...(withRecompute ? [fc.constant({ kind: 'recompute' as const })] : []));

function memoryContext(repo: MemoryRepository) {
  return {
    roundId: ROUND,
    responseId: (n: number) => `resp-${n}`,
    responses: repo.responses,
    purged: new Set<string>(),
    async purge(item: StoredResponseItem) {
      repo.responseItems.delete(item.id);
      repo.changes.push({ sequenceNumber: String(1000 + repo.changes.length), oldImage: structuredClone(item) });
    },
  };
}

interface Delivery {
  batchSize: number;
  slots: number;
  faults: Fault[];
}

/** Emulates the event source mapping over `changes`, then replays the dead letters. */
async function deliver(repo: MemoryRepository, changes: readonly ChangeRecord[], { batchSize, slots, faults }: Delivery) {
  const handler = createStreamHandler({ aggregates: repo.aggregates, slots, clock: NOW, log: quiet });
  // The bound on writes: one aggregate write per ward a batch touches (images and what the ledger counts).
  const call = async (records: readonly ChangeRecord[]): Promise<number | null> => {
    const wards = new Set<string>();
    for (const r of records) {
      for (const image of [r.oldImage, r.newImage]) if (image) wards.add(image.wardCode);
      const entry = repo.ledger.get((r.newImage ?? r.oldImage)!.id);
      if (entry?.key) wards.add(entry.key.wardCode);
    }
    const before = repo.aggregateWrites;
    const result = await handler(lambdaEvent(records));
    expect(repo.aggregateWrites - before).toBeLessThanOrEqual(wards.size);
    const failed = result.batchItemFailures[0]?.itemIdentifier;
    return failed === undefined ? null : records.findIndex((r) => r.sequenceNumber === failed);
  };
  const attempt = async (batch: readonly ChangeRecord[], fault: Fault): Promise<number | null> => {
    switch (fault.kind) {
      case 'duplicate':
        await call(batch);
        return call(batch);
      case 'throwBefore':
        return 0;
      case 'throwAfter':
        await call(batch);
        return 0;
      case 'partial': {
        const failed = await call(batch);
        return failed ?? fault.at % batch.length;
      }
      case 'bisect': {
        const half = Math.ceil(batch.length / 2);
        const first = await call(batch.slice(0, half));
        if (first !== null || half === batch.length) return first;
        const second = await call(batch.slice(half));
        return second === null ? null : half + second;
      }
      case 'crash': {
        const crashing = createStreamHandler({ aggregates: crashingAggregates(repo.aggregates, fault.parts), slots, clock: NOW, log: quiet });
        const result = await crashing(lambdaEvent(batch));
        const failed = result.batchItemFailures[0]?.itemIdentifier;
        return failed === undefined ? null : batch.findIndex((r) => r.sequenceNumber === failed);
      }
      default:
        return call(batch);
    }
  };

  const deadLetters: ChangeRecord[][] = [];
  let position = 0;
  let attempts = 0;
  let step = 0;
  while (position < changes.length) {
    const batch = changes.slice(position, position + batchSize);
    const fault = faults[step++] ?? { kind: 'none' };
    if (fault.kind === 'deadLetter') {
      deadLetters.push(batch);
      position += batch.length;
      continue;
    }
    if (fault.kind === 'redeliverOld' && position > 0) {
      const from = fault.from % position;
      await call(changes.slice(from, Math.min(from + fault.length, position)));
    }
    if (fault.kind === 'recompute')
      await recomputeRound(ROUND, { responses: repo.responses, aggregates: repo.aggregates, areaTree: async () => SMALL_TREE, slots, clock: NOW });
    const failedAt = await attempt(batch, fault);
    if (failedAt === null) {
      position += batch.length;
      attempts = 0;
      continue;
    }
    position += failedAt;
    attempts += 1;
    if (attempts > MAX_RETRIES) {
      const letter = changes.slice(position, position + batchSize);
      deadLetters.push(letter);
      position += letter.length;
      attempts = 0;
    }
  }
  // The DLQ replay: long after newer records of the same responses were folded.
  for (const letter of deadLetters) expect(await call(letter)).toBeNull();
}

async function expectExact(repo: MemoryRepository) {
  const stored = storedWardTallies(await repo.aggregates.readRoundRows(ROUND));
  const truth = trueWardTallies(repo.responseItems.values(), ROUND);
  expect(normalized(stored)).toEqual(normalized(truth));
  expect(allLevels(ROUND, SMALL_TREE, await repo.aggregates.readRoundRows(ROUND))).toEqual(allLevels(ROUND, SMALL_TREE, rowsOf(truth)));
  // The invariant the fold keeps: every ward holds exactly what its ledger entries say is counted there.
  const ledgerSums = new Map<string, Tally>();
  for (const entry of repo.ledger.values()) if (entry.key) ledgerSums.set(entry.key.wardCode, addTally(ledgerSums.get(entry.key.wardCode) ?? {}, entry.tally));
  expect(normalized(ledgerSums)).toEqual(normalized(stored));
}

async function runOps(ops: readonly Op[]) {
  const repo = createMemoryRepository();
  const ctx = memoryContext(repo);
  for (const op of ops) await applyOp(op, ctx);
  return repo;
}

const deliveryArbitrary = (withRecompute: boolean) =>
  fc.record({
    batchSize: fc.integer({ min: 1, max: 6 }),
    slots: fc.integer({ min: 1, max: 3 }),
    faults: fc.array(faultArbitrary(withRecompute), { maxLength: 14 }),
  });

describe('fold under any delivery (property)', () => {
  it('ward, district and province aggregates equal a full recompute after any ops and any delivery faults', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary(), { minLength: 1, maxLength: 30 }), deliveryArbitrary(false), async (ops, delivery) => {
        const repo = await runOps(ops);
        await deliver(repo, repo.changes, delivery);
        await expectExact(repo);
        const report = await recomputeRound(ROUND, {
          responses: repo.responses,
          aggregates: repo.aggregates,
          areaTree: async () => SMALL_TREE,
          slots: delivery.slots,
          clock: NOW,
        });
        expect(report).toMatchObject({ drift: [], repaired: [], remaining: [], lagging: 0, passes: 1 });
      }),
      propertyParameters(200),
    );
  });

  it('stays exact when a recompute runs while the stream is behind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary({ purge: false }), { minLength: 1, maxLength: 30 }), deliveryArbitrary(true), async (ops, delivery) => {
        const repo = await runOps(ops);
        await deliver(repo, repo.changes, delivery);
        await expectExact(repo);
      }),
      propertyParameters(100),
    );
  });

  it('splits a plan into transactions within the limit that together write exactly the plan', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary(), { minLength: 1, maxLength: 40 }), fc.integer({ min: 3, max: 12 }), async (ops, maxActions) => {
        const repo = await runOps(ops);
        const plan = planFold(repo.changes, new Map());
        const parts = splitPlan(plan, maxActions);
        for (const part of parts) expect(part.ledgerUpdates.length + part.deltas.length).toBeLessThanOrEqual(maxActions);
        expect(parts.flatMap((p) => p.ledgerUpdates)).toEqual(plan.ledgerUpdates);
        const total = (deltas: typeof plan.deltas) => {
          const byWard = new Map<string, Tally>();
          for (const d of deltas) byWard.set(d.key.wardCode, addTally(byWard.get(d.key.wardCode) ?? {}, d.tally));
          return byWard;
        };
        expect(normalized(total(parts.flatMap((p) => p.deltas)))).toEqual(normalized(total(plan.deltas)));
      }),
      propertyParameters(100),
    );
  });
});

describe('fold examples', () => {
  const body = fc.sample(answers, { numRuns: 1, seed: 42 })[0];

  it('counts a household once when its record is delivered twice', async () => {
    const repo = createMemoryRepository();
    await repo.responses.create(storedItem('h1', ROUND, 'W1', 'W1-v1', 1, body));
    const handler = createStreamHandler({ aggregates: repo.aggregates, slots: 2, clock: NOW, log: quiet });

    await handler(lambdaEvent(repo.changes));
    await handler(lambdaEvent(repo.changes));

    const stored = storedWardTallies(await repo.aggregates.readRoundRows(ROUND));
    expect(stored.get('W1')?.households).toBe(1);
    expect(tallyEquals(stored.get('W1')!, trueWardTallies(repo.responseItems.values(), ROUND).get('W1')!)).toBe(true);
  });

  it('does not count an edit dead-lettered and replayed after a later edit restored the first answers', async () => {
    const repo = createMemoryRepository();
    const other = { ...body, members: [...body.members, body.members[0]] };
    await repo.responses.create(storedItem('h1', ROUND, 'W1', 'W1-v1', 1, body));
    await repo.responses.replace(storedItem('h1', ROUND, 'W1', 'W1-v1', 2, other), 1);
    await repo.responses.replace(storedItem('h1', ROUND, 'W1', 'W1-v1', 3, body), 2);
    const [created, edited, restored] = repo.changes;
    const handler = createStreamHandler({ aggregates: repo.aggregates, slots: 1, clock: NOW, log: quiet });

    await handler(lambdaEvent([created]));
    await handler(lambdaEvent([restored])); // the edit's batch went to the dead-letter queue
    await handler(lambdaEvent([edited])); // ...and is replayed later

    const stored = storedWardTallies(await repo.aggregates.readRoundRows(ROUND));
    expect(stored.get('W1')?.members).toBe(body.members.length);
  });

  it('writes one aggregate update per ward per batch, however many records of that ward the batch holds', async () => {
    const repo = createMemoryRepository();
    for (let i = 0; i < 40; i += 1) await repo.responses.create(storedItem(`h${i}`, ROUND, 'W1', 'W1-v1', 1, body));
    for (let i = 0; i < 5; i += 1) await repo.responses.create(storedItem(`g${i}`, ROUND, i % 2 ? 'W2' : 'W3', 'x', 1, body));
    const handler = createStreamHandler({ aggregates: repo.aggregates, slots: 4, clock: NOW, log: quiet });

    await handler(lambdaEvent(repo.changes.slice(0, 40)));
    expect(repo.aggregateWrites).toBe(1);
    await handler(lambdaEvent(repo.changes.slice(40)));
    expect(repo.aggregateWrites).toBe(3);
    expect(storedWardTallies(await repo.aggregates.readRoundRows(ROUND)).get('W1')?.households).toBe(40);
  });
});
