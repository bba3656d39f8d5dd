// `npm run bench:areas`: area sets at the size of a province, against DynamoDB Local, in process (app.request):
//  1. importing a synthetic set of 3,300 units (a province and its wards) and 100,000 villages as CSV through
//     POST /api/area-sets (read, checked, stored whole with its parent and level partitions);
//  2. p50/p95 of GET /api/areas?areaSet=&parent=<ward> (one ward's villages, what a phone reads to record) and of
//     ?parent=<province> (the province's units), against the whole set once for comparison.
// Not a test: it prints tables.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApp } from '../../functions/lib/app/create-app';
import { createLocalIdentity } from '../../functions/lib/auth/local-identity';
import { hashPassword } from '../../functions/lib/auth/passwords';
import { createDocumentClient, createRepository } from '../../functions/lib/repo';
import { createTables } from '../../functions/lib/repo/create-tables';
import { seedReferenceData } from '../../functions/lib/seed/reference-data';
import { textTable } from '../../infra/local/cli-deps';
import { LOCAL_AWS, startDynamoDbLocal } from '../../infra/local/dynamodb-local';

const WARDS = Number(process.env.BENCH_WARDS ?? 3_299);
const VILLAGES = Number(process.env.BENCH_VILLAGES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TABLES = { responses: 'areas-responses', aggregates: 'areas-aggregates', reference: 'areas-reference' };
const SET_ID = 'tinh-2025';
const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** The province, its wards directly under it (the 2025 shape) and the villages spread evenly over the wards. */
function provinceCsv(): string {
  const lines = ['code,name,level,parent_code,households', 'T38,Tỉnh Thử,province,,'];
  for (let w = 0; w < WARDS; w += 1) lines.push(`W${w},Phường ${w},ward,T38,${1500 + (w % 700)}`);
  for (let v = 0; v < VILLAGES; v += 1) lines.push(`W${v % WARDS}V${Math.floor(v / WARDS)},Thôn ${Math.floor(v / WARDS) + 1},village,W${v % WARDS},`);
  return lines.join('\n');
}

async function timings(label: string, paths: () => string, runs: number, get: (path: string) => Promise<{ bytes: number; areas: number }>) {
  for (let i = 0; i < 10; i += 1) await get(paths());
  const times: number[] = [];
  let last = { bytes: 0, areas: 0 };
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    last = await get(paths());
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    request: label,
    runs,
    areas: last.areas,
    'KB each': (last.bytes / 1024).toFixed(1),
    'p50 ms': quantile(times, 0.5).toFixed(1),
    'p95 ms': quantile(times, 0.95).toFixed(1),
  };
}

const dynamo = await startDynamoDbLocal();
try {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
  await createTables(client, TABLES);
  const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
  const repo = createRepository(doc, TABLES);
  await seedReferenceData(repo.reference, repo.surveys, repo.areaSets);
  await repo.reference.putLocalUser({ username: 'bench', role: 'admin', areas: ['38'], passwordHash: await hashPassword('bench-password') });
  const identity = await createLocalIdentity(repo.reference, 'http://bench.local/idp');
  const app = createApp({ repo, identity, clock: () => new Date(), aggregateSlots: 4, publicUrl: 'http://bench.local' }, { log: () => {} });
  const { token } = await identity.signIn('bench', 'bench-password');

  console.log(`bench:areas — ${machine()}`);
  const csv = provinceCsv();
  const query = `id=${SET_ID}&name=T%E1%BB%89nh&effectiveFrom=2025-07-01`;
  const post = async (extra: string) => {
    const start = performance.now();
    const res = await app.request(`/api/area-sets?${query}${extra}`, {
      method: 'POST',
      body: csv,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    });
    const body = (await res.json()) as { units: number; errors: unknown[] };
    if (res.status >= 300) throw new Error(`import answered ${res.status}: ${JSON.stringify(body.errors.slice(0, 3))}`);
    return { seconds: (performance.now() - start) / 1000, units: body.units };
  };
  const preview = await post('&dryRun=1');
  const stored = await post('');
  console.log(
    `\nImport of ${(WARDS + 1).toLocaleString('en')} units and ${VILLAGES.toLocaleString('en')} villages as CSV (${(csv.length / 1024 / 1024).toFixed(1)} MB):`,
  );
  console.log(
    textTable([
      { step: 'preview (dryRun: read and check)', units: preview.units, seconds: preview.seconds.toFixed(1) },
      { step: 'import (check and store whole)', units: stored.units, seconds: stored.seconds.toFixed(1) },
    ]),
  );

  const get = async (path: string) => {
    const res = await app.request(path);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return { bytes: Buffer.byteLength(text), areas: (JSON.parse(text) as { areas: unknown[] }).areas.length };
  };
  // Wards spread over the set (7919 is prime), so DynamoDB Local serves a different partition each time.
  let request = 0;
  const nextWard = () => {
    request += 1;
    return `W${(request * 7919) % WARDS}`;
  };
  const rows = [
    await timings("a ward's villages (?parent=<ward>)", () => `/api/areas?areaSet=${SET_ID}&parent=${nextWard()}`, RUNS, get),
    await timings("the province's units (?parent=<province>)", () => `/api/areas?areaSet=${SET_ID}&parent=T38`, Math.max(20, RUNS / 4), get),
    await timings('the wards (?level=ward)', () => `/api/areas?areaSet=${SET_ID}&level=ward`, Math.max(20, RUNS / 4), get),
    // The whole set, as a phone would have downloaded it without per-parent reads (served from the cached tree).
    await timings('the whole set (no filter, cached tree)', () => `/api/areas?areaSet=${SET_ID}`, 5, get),
  ];
  console.log(`\nGET /api/areas on that set (${machine()}):`);
  console.log(textTable(rows));
  client.destroy();
  doc.destroy();
} finally {
  await dynamo.stop();
}
