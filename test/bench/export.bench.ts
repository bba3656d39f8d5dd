// `npm run bench:export`: the raw responses export of a large round. Not a test: it prints a table.
// Generates households (100,000 by default; `-- --households 20000` for a quicker run) straight into DynamoDB
// Local, starts the API in a child process, downloads the export in both shapes through HTTP, and samples
// the server process's resident memory (RSS) while it streams: rows/s, MB/s, RSS before and at its peak,
// and RSS at each quarter of the rows, which shows whether memory stays flat as the export goes on.

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import { build } from 'esbuild';
import { createRepository } from '../../functions/lib/repo';
import { createTables } from '../../functions/lib/repo/create-tables';
import { batchPutResponses } from '../../functions/lib/repo/responses-repo';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { seedReferenceData } from '../../functions/lib/seed/reference-data';
import { textTable } from '../../infra/local/cli-deps';
import { DEMO_PASSWORD, seedDemoUsers } from '../../infra/local/demo-users';
import { LOCAL_AWS, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { LOCAL_TABLES } from '../../infra/local/stack';
import { adult, child } from '../support/fixtures';

const { values } = parseArgs({ options: { households: { type: 'string', default: '100000' } } });
const HOUSEHOLDS = Number(values.households);
const ROUND_ID = 'cds-2024';
const WARDS = BIM_SON_AREAS.filter((a) => a.level === 'ward').map((w) => w.code);
const VILLAGES = new Map(WARDS.map((ward) => [ward, BIM_SON_AREAS.filter((a) => a.parentCode === ward).map((v) => v.code)]));

/** A deterministic household: 1–6 members, answers varied by its index. */
function household(i: number): StoredResponseItem {
  const wardCode = WARDS[i % WARDS.length];
  const villages = VILLAGES.get(wardCode)!;
  const members = Array.from({ length: 1 + (i % 6) }, (_, m) =>
    m % 3 === 2 ? child(2012 + (i % 10)) : adult({ name: `Thành viên ${m + 1} hộ ${i}`, has_smartphone: (i + m) % 4 !== 0 }),
  );
  const at = new Date(Date.UTC(2024, 9, 1) + i * 1000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    roundId: ROUND_ID,
    wardCode,
    villageCode: villages[i % villages.length],
    householdCode: `HH-${i}`,
    version: 1,
    referenceYear: 2024,
    household: {
      head_name: `Nguyễn Văn Hộ ${i}`,
      address: `Số ${i}, đường Trần Phú`,
      phone: '0912345678',
      fiber_broadband: i % 5 !== 0,
      internet_any: true,
      electricity_cashless: i % 3 !== 0,
      business_household: i % 7 === 0,
      ...(i % 7 === 0 ? { ecommerce_shop: i % 2 === 0 } : {}),
    },
    members,
    channel: 'collector',
    bodyHash: `bench-${i}`,
    createdBy: 'bench',
    createdAt: at,
    updatedBy: 'bench',
    updatedAt: at,
  } as StoredResponseItem;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}

async function startServer(endpoint: string): Promise<{ child: ChildProcess; url: string }> {
  // Bundled like the Lambda and run by node itself (not a tsx wrapper), so the pid we sample is the server's
  // and its memory is the app's, not a TypeScript loader's.
  const outfile = resolve(import.meta.dirname, '../../node_modules/.cache/phieu-bench/export-server.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, 'export-server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: "import { createRequire as phieuRequire } from 'module'; const require = phieuRequire(import.meta.url);" },
    logLevel: 'error',
  });
  const config = JSON.stringify({ endpoint, tables: LOCAL_TABLES, aws: LOCAL_AWS });
  const child = spawn(process.execPath, [outfile], { env: { ...process.env, PHIEU_BENCH: config }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) if (line.startsWith('READY ')) return { child, url: line.slice(6) };
  throw new Error('export server exited before it was ready');
}

async function measure(url: string, token: string, pid: number, shape: 'long' | 'wide', expectedRows: number) {
  await new Promise((done) => setTimeout(done, 500));
  const before = rssOf(pid);
  let peak = before;
  const quarters: number[] = [];
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
  const started = performance.now();
  const res = await fetch(`${url}/api/exports/responses.csv?roundId=${ROUND_ID}&shape=${shape}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`export failed: ${res.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 0x0a) lines += 1;
    if (quarters.length < 4 && lines - 1 >= ((quarters.length + 1) * expectedRows) / 4) quarters.push(rssOf(pid));
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssOf(pid));
  const rows = lines - 1;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return {
    shape,
    households: HOUSEHOLDS,
    rows,
    seconds: seconds.toFixed(1),
    'rows/s': Math.round(rows / seconds).toLocaleString('en'),
    'CSV MB': mb(bytes),
    'MB/s': mb(bytes / seconds),
    'RSS before MB': mb(before),
    'RSS peak MB': mb(peak),
    'RSS at 25/50/75/100% MB': quarters.map(mb).join(' / '),
  };
}

const ddb = await startDynamoDbLocal();
let server: ChildProcess | undefined;
try {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: ddb.endpoint });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await createTables(client, LOCAL_TABLES);
  const repo = createRepository(doc, LOCAL_TABLES);
  await Promise.all([seedReferenceData(repo.reference), seedDemoUsers(repo.reference)]);

  const generating = performance.now();
  const CHUNK = 5000;
  for (let start = 0; start < HOUSEHOLDS; start += CHUNK) {
    const items = Array.from({ length: Math.min(CHUNK, HOUSEHOLDS - start) }, (_, k) => household(start + k));
    await batchPutResponses(doc, LOCAL_TABLES.responses, items);
    process.stderr.write(`\rgenerated ${Math.min(start + CHUNK, HOUSEHOLDS).toLocaleString('en')} / ${HOUSEHOLDS.toLocaleString('en')} households`);
  }
  process.stderr.write(` in ${((performance.now() - generating) / 1000).toFixed(0)} s\n`);
  const memberRows = Array.from({ length: HOUSEHOLDS }, (_, i) => 1 + (i % 6)).reduce((a, b) => a + b, 0);

  const started = await startServer(ddb.endpoint);
  server = started.child;
  const session = await (
    await fetch(`${started.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    })
  ).json();
  const results = [];
  for (const [shape, expected] of [
    ['long', memberRows],
    ['wide', HOUSEHOLDS],
  ] as const) {
    const result = await measure(started.url, session.token, server.pid!, shape, expected);
    if (result.rows !== expected) throw new Error(`${shape}: ${result.rows} rows, expected ${expected}`);
    results.push(result);
  }
  console.log(`\nRaw responses export through HTTP from DynamoDB Local (bundled server process, RSS sampled every 50 ms)\n`);
  console.log(textTable(results));
} finally {
  server?.kill('SIGTERM');
  await ddb.stop();
}
