// `npm run bench:province`: the aggregation at the size of a province (Thanh Hóa: ~1,000,000 households).
//  1. the pure fold of 1,000,000 new households in stream batches of 1,000 over 600 wards: households/s, peak
//     memory, and aggregate writes per record (one per ward per batch part);
//  2. GET /api/aggregates' CPU: buildAggregates at ward, district and province level for 600 wards × 4 slots;
//  3. recompute of a province on DynamoDB Local (600 wards, RECOMPUTE_HOUSEHOLDS per ward), wards read one at
//     a time and as parallel segments.
// Not a test: it prints tables.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ChangeRecord, planFold, splitPlan } from '@shared/aggregation/fold';
import type { AggregateLevel } from '@shared/api/contract';
import { AreaTree } from '@shared/areas/areas';
import { TALLY_KEYS } from '@shared/indicators/tally';
import { createDocumentClient, createRepository } from '../../functions/lib/repo';
import { MAX_TRANSACTION_ACTIONS } from '../../functions/lib/repo/aggregates-repo';
import { createTables } from '../../functions/lib/repo/create-tables';
import { batchPutResponses } from '../../functions/lib/repo/responses-repo';
import type { AggregateRow, StoredResponseItem } from '../../functions/lib/repo/types';
import { buildAggregates } from '../../functions/lib/services/results/read-aggregates';
import { recomputeRound } from '../../functions/lib/services/results/recompute';
import { textTable } from '../../infra/local/cli-deps';
import { LOCAL_AWS, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { adult, child, responseBody } from '../support/fixtures';
import { provinceAreas } from '../support/province-tree';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 1_000_000);
const BATCH = 1000;
const RECOMPUTE_HOUSEHOLDS = Number(process.env.RECOMPUTE_HOUSEHOLDS ?? 10);
const TREE = new AreaTree(provinceAreas(30, 20));
const WARDS = TREE.ofLevel('ward');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`;

/** A few dozen household shapes, so tallies vary without generating a million distinct bodies. */
const SHAPES = Array.from({ length: 32 }, (_, i) => {
  const body = responseBody({
    members: [adult({ has_ehr: i % 2 === 0, has_smartphone: i % 3 !== 0 }), ...(i % 4 === 0 ? [] : [child()]), adult({ birth_year: 1950 + i })],
  });
  return { ...body, household: { ...body.household, fiber_broadband: i % 5 !== 0, business_household: i % 7 === 0 } };
});

function itemOf(n: number, roundId = 'province'): StoredResponseItem {
  const ward = WARDS[(n * 7919) % WARDS.length];
  const shape = SHAPES[n % SHAPES.length];
  return {
    ...shape,
    id: `h${n}`,
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

function benchFold() {
  let peak = 0;
  let writes = 0;
  const start = performance.now();
  for (let first = 0; first < HOUSEHOLDS; first += BATCH) {
    const records: ChangeRecord[] = [];
    for (let n = first; n < Math.min(HOUSEHOLDS, first + BATCH); n += 1) records.push({ sequenceNumber: String(n), newImage: itemOf(n) });
    // New households have no ledger entry yet.
    for (const part of splitPlan(planFold(records, new Map()), MAX_TRANSACTION_ACTIONS)) writes += part.deltas.length;
    if (first % (BATCH * 50) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - start) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    households: HOUSEHOLDS,
    'households/s': Math.round(HOUSEHOLDS / seconds),
    'peak RSS MB': (peak / 2 ** 20).toFixed(0),
    'aggregate writes/record': (writes / HOUSEHOLDS).toFixed(3),
  };
}

function benchAggregates() {
  const rows: AggregateRow[] = WARDS.flatMap((ward, w) =>
    [0, 1, 2, 3].map((slot) => ({
      wardCode: ward.code,
      slot,
      rev: 1,
      updatedAt: null,
      tally: Object.fromEntries(TALLY_KEYS.map((k, i) => [k, (w + slot + i) % 97])),
    })),
  );
  return (['ward', 'district', 'province'] as AggregateLevel[]).map((level) => {
    const codes = TREE.ofLevel(level).map((a) => a.code);
    // Every request builds a fresh tree (the cache holds it for a minute): time the index build with it.
    const run = () => buildAggregates('r', level, codes, new AreaTree(TREE.areas), rows);
    for (let i = 0; i < 5; i += 1) run();
    const times = Array.from({ length: 30 }, () => {
      const start = performance.now();
      run();
      return performance.now() - start;
    }).sort((a, b) => a - b);
    return { level, areas: codes.length, 'p50 ms': times[15].toFixed(2), 'max ms': times[29].toFixed(2) };
  });
}

async function benchRecompute() {
  const dynamo = await startDynamoDbLocal();
  const tables = { responses: 'p-responses', aggregates: 'p-aggregates', reference: 'p-reference' };
  try {
    const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
    await createTables(client, tables);
    const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
    const repo = createRepository(doc, tables);
    const items = Array.from({ length: WARDS.length * RECOMPUTE_HOUSEHOLDS }, (_, n) => itemOf(n, 'recompute'));
    await batchPutResponses(doc, tables.responses, items);
    const deps = { responses: repo.responses, aggregates: repo.aggregates, areaTree: async () => TREE, slots: 4, clock: () => new Date() };
    const rows = [];
    // The first run folds every household (none was streamed); the next ones check a settled province.
    for (const [label, concurrency] of [
      ['fold all, parallel segments', 16],
      ['check, one ward at a time', 1],
      ['check, parallel segments', 16],
    ] as const) {
      const start = performance.now();
      const report = await recomputeRound('recompute', { ...deps, concurrency });
      rows.push({
        run: label,
        concurrency,
        wards: report.checkedWards,
        responses: report.responses,
        folded: report.lagging,
        seconds: ((performance.now() - start) / 1000).toFixed(1),
      });
    }
    client.destroy();
    doc.destroy();
    return rows;
  } finally {
    await dynamo.stop();
  }
}

console.log(`bench:province — ${machine}`);
console.log(`\nFold of ${HOUSEHOLDS.toLocaleString('en')} new households, batches of ${BATCH}, ${WARDS.length} wards:`);
console.log(textTable([benchFold()]));
console.log(`\nbuildAggregates, ${WARDS.length} wards × 4 slots (tree rebuilt each time):`);
console.log(textTable(benchAggregates()));
console.log(`\nRecompute of a province on DynamoDB Local (${WARDS.length} wards × ${RECOMPUTE_HOUSEHOLDS} households):`);
console.log(textTable(await benchRecompute()));
