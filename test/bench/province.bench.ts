// `npm run bench:province`: the aggregation at the size of a province (Thanh Hóa: ~1,000,000 households).
//  1. the pure fold of 1,000,000 new households in stream batches of 1,000 over 600 wards: households/s, peak
//     memory, and aggregate writes per record (one per ward per batch part);
//  2. GET /api/aggregates' CPU: buildAggregates at ward, district and province level for 600 wards × 4 slots;
//  3. recompute of a province on DynamoDB Local (600 wards, RECOMPUTE_HOUSEHOLDS per ward, 10 by default), wards
//     folded and then checked one at a time and as 16 parallel segments (two rounds of the same households).
// Not a test: it prints tables.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AggregateLevel } from '@shared/api/contract';
import { AreaTree } from '@shared/areas/areas';
import { TALLY_KEYS } from '@shared/indicators/tally';
import { createDocumentClient, createRepository } from '../../functions/lib/repo';
import { createTables } from '../../functions/lib/repo/create-tables';
import { batchPutResponses } from '../../functions/lib/repo/responses-repo';
import type { AggregateRow } from '../../functions/lib/repo/types';
import { buildAggregates } from '../../functions/lib/services/results/read-aggregates';
import { recomputeRound } from '../../functions/lib/services/results/recompute';
import { textTable } from '../../infra/local/cli-deps';
import { LOCAL_AWS, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { benchFold, FOLD_BATCH, PROVINCE_TREE, provinceItem } from './fold-run';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 1_000_000);
const RECOMPUTE_HOUSEHOLDS = Number(process.env.RECOMPUTE_HOUSEHOLDS ?? 10);
const TREE = PROVINCE_TREE;
const WARDS = TREE.ofLevel('ward');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')}`;

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
    // Two rounds of the same households: one recomputed a ward at a time, the other as 16 parallel segments.
    for (const roundId of ['serial', 'parallel']) {
      const items = Array.from({ length: WARDS.length * RECOMPUTE_HOUSEHOLDS }, (_, n) => provinceItem(n, roundId));
      await batchPutResponses(doc, tables.responses, items);
    }
    const deps = { responses: repo.responses, aggregates: repo.aggregates, areaTree: async () => TREE, slots: 4, clock: () => new Date() };
    const rows = [];
    // The first runs fold every household (none was streamed); the next ones check a settled province.
    for (const [label, roundId, concurrency] of [
      ['fold all, one ward at a time', 'serial', 1],
      ['fold all, 16 segments at once', 'parallel', 16],
      ['check, one ward at a time', 'serial', 1],
      ['check, 16 segments at once', 'parallel', 16],
    ] as const) {
      const start = performance.now();
      const report = await recomputeRound(roundId, { ...deps, concurrency });
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
console.log(`\nFold of ${HOUSEHOLDS.toLocaleString('en')} new households, batches of ${FOLD_BATCH}, ${WARDS.length} wards:`);
console.log(textTable([benchFold(HOUSEHOLDS)]));
console.log(`\nbuildAggregates, ${WARDS.length} wards × 4 slots (tree rebuilt each time):`);
console.log(textTable(benchAggregates()));
console.log(
  `\nRecompute of a province on DynamoDB Local (${WARDS.length} wards × ${RECOMPUTE_HOUSEHOLDS} households per ward; RECOMPUTE_HOUSEHOLDS=… to change):`,
);
console.log(textTable(await benchRecompute()));
