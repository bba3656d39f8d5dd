// `npm run bench:aggregate`: how fast and how cheap the aggregation is. Not a test: it prints a table.
//  1. the pure fold (planFold + splitPlan + ledger bookkeeping) over 200k generated records, one core;
//  2. end to end through the real stream handler and poller against DynamoDB Local, with the aggregate
//     writes it made beside the one-per-(ward, batch) lower bound;
//  3. submission-to-aggregate latency: PUTs through the HTTP API of a local stack, polling GET /api/aggregates.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type ChangeRecord, contributionOf, type LedgerEntry, planFold, splitPlan } from '@shared/aggregation/fold';
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import { addTally, isZeroTally, type Tally } from '@shared/indicators/tally';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { MAX_TRANSACTION_ACTIONS } from '../../functions/lib/repo/aggregates-repo';
import { changeRecordOf } from '../../functions/lib/repo/stream-records';
import type { AggregatesRepo, StoredResponseItem } from '../../functions/lib/repo/types';
import { createStreamHandler, type StreamHandler } from '../../functions/lib/stream/create-stream-handler';
import { textTable } from '../../infra/local/cli-deps';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { type LocalStack, startLocalStack } from '../../infra/local/stack';
import { adult, child, responseBody } from '../support/fixtures';
import { type Answers, answers, storedItem } from '../support/fold-harness';
import { benchListFold, benchRecompute } from './indicator-lists';

const WARDS = BIM_SON_AREAS.filter((a) => a.level === 'ward').map((w) => w.code);
const VILLAGES = new Map(WARDS.map((ward) => [ward, BIM_SON_AREAS.filter((a) => a.parentCode === ward).map((v) => v.code)]));
const BODIES: Answers[] = fc.sample(answers, { numRuns: 64, seed: 2024 });
const pick = <T>(items: readonly T[], i: number) => items[i % items.length];

/** Creates, then edits (a fifth move ward) and deletes, as stream records in write order. */
function generateRecords(count: number, responses: number, wards: readonly string[]): ChangeRecord[] {
  const current = new Map<number, StoredResponseItem>();
  const records: ChangeRecord[] = [];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let i = 0; records.length < count; i += 1) {
    const n = Math.floor(random() * responses);
    const found = current.get(n);
    // A deleted response stays deleted: slot n gets a new response (an INSERT, no old image).
    const old = found?.deletedAt ? undefined : found;
    let next: StoredResponseItem;
    if (!old) {
      const ward = pick(wards, Math.floor(random() * wards.length));
      next = storedItem(`r${n}-${i}`, 'bench', ward, pick(VILLAGES.get(ward) ?? [ward], i), 1, pick(BODIES, i));
    } else if (random() < 0.1) {
      next = { ...old, version: old.version + 1, deletedAt: '2026-01-01T00:00:00Z' };
    } else {
      const ward = random() < 0.2 ? pick(wards, Math.floor(random() * wards.length)) : old.wardCode;
      next = storedItem(old.id, 'bench', ward, pick(VILLAGES.get(ward) ?? [ward], i), old.version + 1, pick(BODIES, i));
    }
    records.push({ sequenceNumber: String(1000 + records.length), oldImage: old, newImage: next });
    current.set(n, next);
  }
  return records;
}

const PURE_RECORDS = generateRecords(200_000, 20_000, WARDS);

function benchPureFold(): number {
  const records = PURE_RECORDS;
  const ledger = new Map<string, LedgerEntry>();
  const run = () => {
    ledger.clear();
    for (let start = 0; start < records.length; start += 50) {
      const plan = planFold(records.slice(start, start + 50), ledger);
      splitPlan(plan, MAX_TRANSACTION_ACTIONS);
      for (const update of plan.ledgerUpdates) ledger.set(update.next.responseId, update.next);
    }
  };
  run(); // warm up the JIT
  // The machine is shared: the median of several runs says more than one.
  const rates: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    run();
    rates.push(records.length / ((performance.now() - started) / 1000));
  }
  return rates.sort((a, b) => a - b)[2];
}

/** Counts aggregate row writes the way DynamoDB bills them: one Update per ward delta of a landed plan. */
function countingAggregates(real: AggregatesRepo, counter: { writes: number }): AggregatesRepo {
  return {
    ...real,
    async applyPlan(plan, slot, now) {
      const applied = await real.applyPlan(plan, slot, now);
      if (applied) counter.writes += plan.deltas.length;
      return applied;
    },
  };
}

/**
 * The least any design must write for a batch: one write per ward whose counts the batch changes, found
 * from the records' own old and new images (exact here: this run delivers every record once, in order).
 */
function wardsChanged(records: readonly DynamoDBRecord[]): number {
  const net = new Map<string, Tally>();
  for (const record of records.map(changeRecordOf)) {
    for (const [image, sign] of [
      [record.oldImage, -1],
      [record.newImage, 1],
    ] as const) {
      const contribution = contributionOf(image);
      if (contribution) net.set(contribution.key.wardCode, addTally(net.get(contribution.key.wardCode) ?? {}, contribution.tally, sign));
    }
  }
  return [...net.values()].filter((tally) => !isZeroTally(tally)).length;
}

interface Measure {
  open: () => void;
  counter: { writes: number; records: number; lowerBound: number; batches: number; doneAt: number; handlerMs: number };
}

/** The poller's handler, held shut until `open()` so that a backlog builds up first. */
function gatedHandler(stackRef: { stack?: LocalStack }, slots: number): { wrap: (real: StreamHandler) => StreamHandler; measure: Measure } {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const counter = { writes: 0, records: 0, lowerBound: 0, batches: 0, doneAt: 0, handlerMs: 0 };
  let handler: StreamHandler | undefined;
  return {
    measure: { open: () => release(), counter },
    wrap: () => async (event) => {
      await gate;
      handler ??= createStreamHandler({ aggregates: countingAggregates(stackRef.stack!.repo.aggregates, counter), slots });
      const started = performance.now();
      const result = await handler(event);
      counter.doneAt = performance.now();
      counter.handlerMs += counter.doneAt - started;
      counter.records += event.Records.length;
      counter.lowerBound += wardsChanged(event.Records);
      counter.batches += 1;
      return result;
    },
  };
}

async function writeAll(stack: LocalStack, records: readonly ChangeRecord[], concurrency = 16) {
  // Per response, writes stay in order; different responses go in parallel.
  const byResponse = new Map<string, ChangeRecord[]>();
  for (const r of records) byResponse.set(r.newImage!.id, [...(byResponse.get(r.newImage!.id) ?? []), r]);
  const queues = [...byResponse.values()];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < queues.length) {
        for (const record of queues[next++]) {
          const item = record.newImage as StoredResponseItem;
          let written: { ok: boolean };
          if (!record.oldImage) written = await stack.repo.responses.create(item);
          else if (item.deletedAt) written = await stack.repo.responses.markDeleted(item, record.oldImage.version);
          else written = await stack.repo.responses.replace(item, record.oldImage.version);
          if (!written.ok) throw new Error(`bench write refused: ${item.id} v${item.version}`);
        }
      }
    }),
  );
}

async function benchEndToEnd(records: number, wards: readonly string[]) {
  const ref: { stack?: LocalStack } = {};
  const slots = 4;
  const { wrap, measure } = gatedHandler(ref, slots);
  const stack = await startLocalStack({ wrapStreamHandler: wrap, aggregateSlots: slots });
  ref.stack = stack;
  try {
    const round = `bench-${randomUUID().slice(0, 8)}`;
    const generated = generateRecords(records, Math.floor(records / 2), wards).map((r) => ({
      ...r,
      oldImage: r.oldImage && { ...r.oldImage, roundId: round },
      newImage: { ...r.newImage!, roundId: round },
    }));
    await writeAll(stack, generated);
    const started = performance.now();
    measure.open();
    await stack.poller.idle();
    const { counter } = measure;
    return {
      recordsPerSecond: counter.records / ((counter.doneAt - started) / 1000),
      writesPer1000: (counter.writes / counter.records) * 1000,
      lowerBoundPer1000: (counter.lowerBound / counter.records) * 1000,
      handlerShare: counter.handlerMs / (counter.doneAt - started),
      batches: counter.batches,
      records: counter.records,
    };
  } finally {
    await stack.stop();
  }
}

async function benchLatency(submissions: number, intervalMs: number) {
  const stack = await startLocalStack({});
  try {
    const session = await (
      await fetch(`${stack.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      })
    ).json();
    const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    const surveyed = async () => {
      const body = await (await fetch(`${stack.url}/api/aggregates?roundId=cds-2024&level=province`, { headers })).json();
      return body.areas[0].households.surveyed as number;
    };
    const base = await surveyed();
    const sentAt: number[] = [];
    const seenAt: number[] = [];
    let stop = false;
    const watcher = (async () => {
      while (!stop) {
        const count = (await surveyed()) - base;
        const now = performance.now();
        while (seenAt.length < Math.min(count, sentAt.length)) seenAt.push(now);
        if (seenAt.length === submissions) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    for (let i = 0; i < submissions; i += 1) {
      const ward = pick(WARDS, i);
      const body = responseBody({ wardCode: ward, villageCode: VILLAGES.get(ward)![0], members: i % 2 ? [adult()] : [adult(), child()] });
      sentAt.push(performance.now());
      const res = await fetch(`${stack.url}/api/responses/${randomUUID()}`, { method: 'PUT', headers, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`PUT answered ${res.status}: ${await res.text()}`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    await Promise.race([watcher, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    stop = true;
    const latencies = seenAt.map((at, i) => at - sentAt[i]).sort((a, b) => a - b);
    const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
    return { p50: percentile(50), p95: percentile(95), max: latencies.at(-1)!, seen: latencies.length, submissions };
  } finally {
    await stack.stop();
  }
}

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown';
console.log(`Machine: ${availableParallelism()} cores (${cpu}), Node ${process.version}\n`);

const pure = benchPureFold();
console.log(`pure fold done: ${Math.round(pure)} records/s`);
const pure30 = benchListFold(PURE_RECORDS);
console.log(`pure fold, 30 indicators done: ${Math.round(pure30)} records/s`);
if (process.argv.includes('--pure')) process.exit(0);
const recomputeSize = Number(process.argv.find((a) => a.startsWith('--recompute-households='))?.split('=')[1] ?? 100_000);
const recompute = await benchRecompute(recomputeSize, (round, count) =>
  Array.from({ length: count }, (_, i) => {
    const ward = pick(WARDS, i);
    return storedItem(`${round}-${i}`, round, ward, pick(VILLAGES.get(ward) ?? [ward], i), 1, pick(BODIES, i));
  }),
);
console.log(`recompute done: ${recompute.households} households in ${recompute.seconds.toFixed(1)} s; progress seen:`);
for (const p of recompute.progress) console.log(`  ${p.at.toFixed(0)} s: ${p.processed} of ${p.total ?? '?'}`);
const mixed = await benchEndToEnd(4000, WARDS);
console.log(
  `end-to-end (7 wards) done: ${mixed.records} records in ${mixed.batches} batches, ${Math.round(mixed.handlerShare * 100)}% of the time in the handler`,
);
const busy = await benchEndToEnd(2000, ['14815']);
console.log(
  `end-to-end (one busy ward) done: ${busy.records} records in ${busy.batches} batches, ${Math.round(busy.handlerShare * 100)}% of the time in the handler`,
);
const latency = await benchLatency(200, 50);
console.log(`latency done: ${latency.seen}/${latency.submissions} submissions seen\n`);

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  textTable([
    { measure: 'pure fold, records/s (one core)', value: fmt(pure), 'goal / bound': '≥ 100,000' },
    { measure: 'pure fold, 30 indicators incl. compound, households/s (one core)', value: fmt(pure30), 'goal / bound': '≥ 100,000' },
    {
      measure: `recompute after adding an indicator, ${fmt(recompute.households)} households (s)`,
      value: fmt(recompute.seconds, 1),
      'goal / bound': `${fmt(recompute.perSecond)} households/s, progress every second`,
    },
    { measure: 'end to end, records/s (handler + DynamoDB Local, 7 wards)', value: fmt(mixed.recordsPerSecond), 'goal / bound': '' },
    {
      measure: 'aggregate writes per 1,000 responses (7 wards)',
      value: fmt(mixed.writesPer1000, 1),
      'goal / bound': `lower bound ${fmt(mixed.lowerBoundPer1000, 1)}: (ward, batch) pairs changed`,
    },
    { measure: 'end to end, records/s (one busy ward)', value: fmt(busy.recordsPerSecond), 'goal / bound': '' },
    {
      measure: 'aggregate writes per 1,000 responses (one busy ward)',
      value: fmt(busy.writesPer1000, 1),
      'goal / bound': `lower bound ${fmt(busy.lowerBoundPer1000, 1)}: (ward, batch) pairs changed`,
    },
    { measure: 'submission → aggregate latency p50 (ms)', value: fmt(latency.p50), 'goal / bound': '' },
    { measure: 'submission → aggregate latency p95 (ms)', value: fmt(latency.p95), 'goal / bound': '≤ 1,500' },
  ]),
);
process.exit(0);
