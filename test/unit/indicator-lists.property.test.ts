// Indicator lists as data stay exact: random lists (compound conditions, both units, age bounds) over random
// responses, with edits, list changes, recompute jobs and stream deliveries interleaved (duplicates, retries,
// old batches delivered again). At the end the live counters equal an independent evaluation of the round's
// list over the live responses — an evaluator written here, not the engine's compiled one.
import type { ChangeRecord } from '@shared/aggregation/fold';
import { type CountingState, countingKey, initialCounting, replaceIndicators } from '@shared/indicators/counting';
import type { Condition, Indicator } from '@shared/questionnaire/definition';
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire/household-dx-v1';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { createFoldTargets } from '../../functions/lib/services/indicators/fold-targets';
import { runIndicatorRecompute } from '../../functions/lib/services/indicators/indicator-recompute';
import type { RecomputeJob } from '../../functions/lib/services/indicators/round-indicators';
import { wardTallies } from '../../functions/lib/services/results/read-aggregates';
import { publishedDefinitions } from '../../functions/lib/services/surveys/published-definitions';
import { createStreamHandler } from '../../functions/lib/stream/create-stream-handler';
import { applyOp, lambdaEvent, type Op, opArbitrary, propertyParameters, SMALL_TREE } from '../support/fold-harness';
import { createMemoryRepository } from '../support/memory-repo';

const ROUND = 'r1';
const NOW = () => new Date('2026-01-03T00:00:00Z');
const quiet = () => {};
const ROUND_PIN = { id: ROUND, surveyId: HOUSEHOLD_DX_V1.id, surveyVersion: HOUSEHOLD_DX_V1.version };

// --- random lists over household-dx v1's questions ---
const HOUSEHOLD_YES_NO = ['internet_any', 'fiber_broadband', 'electricity_cashless', 'business_household', 'ecommerce_shop'];
const MEMBER_YES_NO = ['has_smartphone', 'cashless_essential', 'has_payment_account', 'has_ehr', 'has_vneid_level2'];

const yesNo = (ids: string[]): fc.Arbitrary<Condition> =>
  fc.record({ q: fc.constantFrom(...ids), op: fc.constantFrom('eq', 'ne'), value: fc.boolean() }).map(({ q, op, value }) => ({ q, [op]: value }) as Condition);
const ageBound: fc.Arbitrary<Condition> = fc
  .record({ op: fc.constantFrom('gte', 'lt', 'gt', 'lte'), value: fc.constantFrom(6, 15, 18, 60) })
  .map(({ op, value }) => ({ q: 'age', [op]: value }) as Condition);
const compound = (leaf: fc.Arbitrary<Condition>): fc.Arbitrary<Condition> =>
  fc.oneof(
    leaf,
    fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(leaf, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    leaf.map((not) => ({ not })),
  );
const householdCondition = compound(yesNo(HOUSEHOLD_YES_NO));
const personCondition = compound(fc.oneof(yesNo(MEMBER_YES_NO), yesNo(HOUSEHOLD_YES_NO), ageBound));

const indicator = (id: string): fc.Arbitrary<Indicator> =>
  fc
    .oneof(
      fc
        .record({ population: fc.option(householdCondition, { nil: undefined }), numerator: householdCondition })
        .map((c) => ({ unit: 'household' as const, ...c })),
      fc.record({ population: fc.option(personCondition, { nil: undefined }), numerator: personCondition }).map((c) => ({ unit: 'person' as const, ...c })),
    )
    .chain((definition) =>
      fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }).map((target) => {
        const { population, ...rest } = definition;
        return {
          id,
          ...rest,
          ...(population ? { population } : {}),
          label: { vi: `Chỉ tiêu ${id}`, en: `Indicator ${id}` },
          target: target === null ? null : target / 100,
        };
      }),
    );
const indicatorList: fc.Arbitrary<Indicator[]> = fc
  .subarray(['i0', 'i1', 'i2', 'i3', 'i4', 'i5'], { minLength: 1 })
  .chain((ids) => fc.tuple(...ids.map(indicator)));

// --- the independent evaluator ---
type Row = Record<string, unknown>;
const empty = (value: unknown) => value === undefined || value === null || value === '';
function holds(cond: Condition, row: Row): boolean {
  if ('all' in cond) return cond.all.every((c) => holds(c, row));
  if ('any' in cond) return cond.any.some((c) => holds(c, row));
  if ('not' in cond) return !holds(cond.not, row);
  const value = row[cond.q];
  if (empty(value)) return false;
  if (cond.eq !== undefined) return value === cond.eq;
  if (cond.ne !== undefined) return value !== cond.ne;
  if (cond.gt !== undefined) return (value as number) > cond.gt;
  if (cond.gte !== undefined) return (value as number) >= cond.gte;
  if (cond.lt !== undefined) return (value as number) < cond.lt;
  if (cond.lte !== undefined) return (value as number) <= cond.lte;
  throw new Error(`operator not generated: ${JSON.stringify(cond)}`);
}

function expectedWardCounts(items: Iterable<StoredResponseItem>, list: readonly Indicator[]): Map<string, Record<string, number>> {
  const wards = new Map<string, Record<string, number>>();
  for (const item of items) {
    if (item.deletedAt) continue;
    const counts = wards.get(item.wardCode) ?? { households: 0 };
    wards.set(item.wardCode, counts);
    counts.households += 1;
    const household = item.household as Row;
    const people = item.members.map((m) => ({
      ...household,
      ...(m as Row),
      age: typeof m.birth_year === 'number' ? item.referenceYear - m.birth_year : undefined,
    }));
    for (const ind of list) {
      const rows = ind.unit === 'household' ? [household] : people;
      for (const row of rows) {
        if (ind.population && !holds(ind.population, row)) continue;
        counts[`d_${ind.id}`] = (counts[`d_${ind.id}`] ?? 0) + 1;
        if (holds(ind.numerator, row)) counts[`n_${ind.id}`] = (counts[`n_${ind.id}`] ?? 0) + 1;
      }
    }
  }
  return wards;
}

// --- the run ---
type Step =
  | { kind: 'op'; op: Op }
  | { kind: 'deliver'; size: number; duplicate: boolean; failAfter: boolean }
  | { kind: 'redeliver'; from: number; length: number }
  | { kind: 'list'; list: Indicator[] }
  | { kind: 'job' }
  | { kind: 'jobDuringWrites'; ops: Op[]; atRead: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: opArbitrary({ purge: false }).map((op) => ({ kind: 'op' as const, op })) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('deliver' as const), size: fc.integer({ min: 1, max: 5 }), duplicate: fc.boolean(), failAfter: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redeliver' as const), from: fc.nat(40), length: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: indicatorList.map((list) => ({ kind: 'list' as const, list })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'job' as const }) },
  // The job scans while collectors keep writing and the stream keeps delivering.
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('jobDuringWrites' as const),
      ops: fc.array(opArbitrary({ purge: false }), { minLength: 1, maxLength: 6 }),
      atRead: fc.nat(8),
    }),
  },
);

async function run(first: Indicator[], steps: readonly Step[]) {
  const repo = createMemoryRepository();
  const definitions = publishedDefinitions({ get: async () => undefined, listVersions: async () => [] });
  await repo.countings.put(initialCounting(ROUND_PIN, first), null);
  const handler = createStreamHandler({
    aggregates: repo.aggregates,
    slots: 2,
    clock: NOW,
    log: quiet,
    foldTargets: createFoldTargets(repo.countings, definitions),
  });
  const jobs: RecomputeJob[] = [];
  const jobDeps = { ...repo, definitions, areaTree: async () => SMALL_TREE, slots: 2, clock: NOW, log: quiet, settleMs: 0 };
  const ctx = { roundId: ROUND, responseId: (n: number) => `resp-${n}`, responses: repo.responses, purged: new Set<string>(), purge: async () => {} };
  let delivered = 0;
  const call = async (records: readonly ChangeRecord[]) => (await handler(lambdaEvent(records))).batchItemFailures.length === 0;

  for (const s of steps) {
    if (s.kind === 'op') await applyOp(s.op, ctx);
    else if (s.kind === 'deliver') {
      const batch = repo.changes.slice(delivered, delivered + s.size);
      if (batch.length === 0) continue;
      expect(await call(batch)).toBe(true);
      if (s.duplicate) expect(await call(batch)).toBe(true);
      // A failure after the writes: the same batch comes again on the next delivery.
      if (!s.failAfter) delivered += batch.length;
    } else if (s.kind === 'redeliver') {
      if (delivered > 0) expect(await call(repo.changes.slice(s.from % delivered, Math.min((s.from % delivered) + s.length, delivered)))).toBe(true);
    } else if (s.kind === 'list') {
      const state = (await repo.countings.get(ROUND)) as CountingState;
      const next = replaceIndicators(state, s.list, NOW().toISOString());
      expect(await repo.countings.put(next.state, state.rev)).toBe(true);
      if (next.recompute !== undefined) jobs.push({ roundId: ROUND, generation: next.recompute });
    } else if (s.kind === 'job') {
      const job = jobs.shift();
      if (job) await runIndicatorRecompute(job, jobDeps);
    } else {
      const job = jobs.shift();
      if (!job) continue;
      // The writes land (and the stream delivers them) at some point of the job: during its scan, or between the
      // scan's end and the moment its generation goes live (the job reads the counting state at each step).
      const pendingOps = s.ops;
      let reads = 0;
      let busy = false;
      const writeNow = async () => {
        if (busy || pendingOps.length === 0) return;
        busy = true;
        for (const op of pendingOps.splice(0)) await applyOp(op, ctx);
        if (repo.changes.length > delivered) {
          expect(await call(repo.changes.slice(delivered))).toBe(true);
          delivered = repo.changes.length;
        }
        busy = false;
      };
      const countings = Object.assign(Object.create(repo.countings), {
        async get(roundId: string) {
          if (!busy && reads++ === s.atRead) await writeNow();
          return repo.countings.get(roundId);
        },
      });
      const responses = Object.assign(Object.create(repo.responses), {
        async *listAllInWard(roundId: string, wardCode: string) {
          for await (const item of repo.responses.listAllInWard(roundId, wardCode)) {
            yield item;
            if (s.atRead % 2 === 1) await writeNow();
          }
        },
      });
      await runIndicatorRecompute(job, { ...jobDeps, countings, responses });
      await writeNow();
    }
  }
  if (repo.changes.length > delivered) expect(await call(repo.changes.slice(delivered))).toBe(true);
  for (const job of jobs.splice(0)) await runIndicatorRecompute(job, jobDeps);
  return repo;
}

describe('indicator lists as data (property)', () => {
  it('live counters equal an independent evaluation of the round’s list after any edits, list changes and deliveries', async () => {
    await fc.assert(
      fc.asyncProperty(indicatorList, fc.array(step, { minLength: 1, maxLength: 40 }), async (first, steps) => {
        const repo = await run(first, steps);
        const state = (await repo.countings.get(ROUND)) as CountingState;
        expect(state.pending).toBeUndefined();
        const lastList = [first, ...steps.filter((s) => s.kind === 'list').map((s) => (s as { list: Indicator[] }).list)].at(-1)!;
        expect(state.live.listed).toEqual(lastList);
        const stored = wardTallies(await repo.aggregates.readRoundRows(countingKey(ROUND, state.live.generation))).tallies;
        const expected = expectedWardCounts(repo.responseItems.values(), lastList);
        const keys = ['households', ...lastList.flatMap((i) => [`n_${i.id}`, `d_${i.id}`])];
        for (const ward of ['W1', 'W2', 'W3']) {
          const got = Object.fromEntries(keys.map((k) => [k, stored.get(ward)?.[k] ?? 0]));
          const want = Object.fromEntries(keys.map((k) => [k, expected.get(ward)?.[k] ?? 0]));
          expect(got, ward).toEqual(want);
        }
      }),
      propertyParameters(150),
    );
  });
});
