// The pure fold at province size on its own, for profiling (`node --cpu-prof`) and for A/B runs with farm-bench:
// `BENCH_HOUSEHOLDS=200000 tsx test/bench/fold-run.ts` prints one line with households/s.
// `bench:province` runs the same function inside its tables.
import { performance } from 'node:perf_hooks';
import { type ChangeRecord, planFold, splitPlan } from '@shared/aggregation/fold';
import { AreaTree } from '@shared/areas/areas';
import { MAX_TRANSACTION_ACTIONS } from '../../functions/lib/repo/aggregates-repo';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { adult, child, responseBody } from '../support/fixtures';
import { provinceAreas } from '../support/province-tree';

export const PROVINCE_TREE = new AreaTree(provinceAreas(30, 20));
const WARDS = PROVINCE_TREE.ofLevel('ward');
export const FOLD_BATCH = 1000;

/** A few dozen household shapes, so tallies vary without generating a million distinct bodies. */
const SHAPES = Array.from({ length: 32 }, (_, i) => {
  const body = responseBody({
    members: [adult({ has_ehr: i % 2 === 0, has_smartphone: i % 3 !== 0 }), ...(i % 4 === 0 ? [] : [child()]), adult({ birth_year: 1950 + i })],
  });
  return { ...body, household: { ...body.household, fiber_broadband: i % 5 !== 0, business_household: i % 7 === 0 } };
});

export function provinceItem(n: number, roundId = 'province'): StoredResponseItem {
  const ward = WARDS[(n * 7919) % WARDS.length];
  const shape = SHAPES[n % SHAPES.length];
  return {
    ...shape,
    // Ids unique across rounds: the responses table is keyed by id alone.
    id: roundId === 'province' ? `h${n}` : `${roundId}-h${n}`,
    roundId,
    wardCode: ward.code,
    villageCode: `${ward.code}V${n % 3}`,
    version: 1,
    referenceYear: 2024,
    channel: 'collector',
    bodyHash: 'x',
    createdBy: 'bench',
    createdAt: '2026-11-30T00:00:00Z',
    updatedBy: 'bench',
    updatedAt: '2026-11-30T00:00:00Z',
  };
}

/** Folds `households` new households in stream batches of FOLD_BATCH over the province's 600 wards. */
export function benchFold(households: number) {
  let peak = 0;
  let writes = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let first = 0; first < households; first += FOLD_BATCH) {
    const records: ChangeRecord[] = [];
    for (let n = first; n < Math.min(households, first + FOLD_BATCH); n += 1) records.push({ sequenceNumber: String(n), newImage: provinceItem(n) });
    // New households have no ledger entry yet.
    for (const part of splitPlan(planFold(records, new Map()), MAX_TRANSACTION_ACTIONS)) writes += part.deltas.length;
    if (first % (FOLD_BATCH * 50) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    households,
    'households/s': Math.round(households / seconds),
    // On a shared, loaded machine wall time mostly measures the neighbours: CPU time is this process's own.
    'households/CPU s': Math.round(households / cpuSeconds),
    'peak RSS MB': (peak / 2 ** 20).toFixed(0),
    'aggregate writes/record': (writes / households).toFixed(3),
  };
}

if (process.argv[1] === import.meta.filename) console.log(JSON.stringify(benchFold(Number(process.env.BENCH_HOUSEHOLDS ?? 200_000))));
