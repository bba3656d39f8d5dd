// `npm run bench:export`: exports of a large round. Not a test: it prints two tables.
//  1. The streaming route (GET /api/exports/responses.csv, for small areas): households (100,000 by default;
//     `-- --households 20000` for a quicker run, 0 to skip) generated straight into DynamoDB Local, the API in a
//     child process, the export downloaded in both shapes through HTTP.
//  2. An export job (POST /api/exports → the worker → a multipart upload to s3rver, the S3 stand-in `npm start`
//     runs) of a province-sized round: 1,000,000 households by default (`--job-households`), long shape as CSV and
//     as gzip CSV (`--jobs long,long-gzip,wide,...`). Writing a million households into DynamoDB Local would take
//     the better part of an hour on this machine, so the worker reads them from a generated source in its own
//     process (pages of 250, yielding between pages; `--pace N` caps it at N households/s); the job's own code —
//     row builder, CSV writer, gzip, S3 upload, progress writes to DynamoDB Local — is the real one.
// Both sample the server process's resident memory (RSS) every 50 ms: before, at its peak, and at each quarter of
// the rows, which shows whether memory stays flat as the export goes on.

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { createRepository } from '../../functions/lib/repo';
import { createTables } from '../../functions/lib/repo/create-tables';
import { batchPutResponses } from '../../functions/lib/repo/responses-repo';
import { seedReferenceData } from '../../functions/lib/seed/reference-data';
import { textTable } from '../../infra/local/cli-deps';
import { DEMO_PASSWORD, seedDemoUsers } from '../../infra/local/demo-users';
import { LOCAL_AWS, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { LOCAL_EXPORTS_BUCKET, startS3Local } from '../../infra/local/s3-local';
import { LOCAL_TABLES } from '../../infra/local/stack';
import { household, memberRowsOf, ROUND_ID } from './export-households';

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '100000' },
    'job-households': { type: 'string', default: '1000000' },
    jobs: { type: 'string', default: 'long,long-gzip' },
    pace: { type: 'string', default: '0' },
  },
});
const HOUSEHOLDS = Number(values.households);
const JOB_HOUSEHOLDS = Number(values['job-households']);
const PACE = Number(values.pace);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}

async function startServer(endpoint: string, extra: object = {}): Promise<{ child: ChildProcess; url: string }> {
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
  const config = JSON.stringify({ endpoint, tables: LOCAL_TABLES, aws: LOCAL_AWS, ...extra });
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

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  return (await res.json()).token;
}

/** Starts one export job through the API and follows it to the end, sampling the worker process's RSS. */
async function measureJob(url: string, token: string, pid: number, job: string, s3: Awaited<ReturnType<typeof startS3Local>>) {
  const [shape, gzip] = job.split('-') as ['long' | 'wide', string | undefined];
  const expectedRows = shape === 'long' ? memberRowsOf(JOB_HOUSEHOLDS) : JOB_HOUSEHOLDS;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await new Promise((done) => setTimeout(done, 500));
  const before = rssOf(pid);
  let peak = before;
  const quarters: number[] = [];
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
  const started = performance.now();
  const post = await fetch(`${url}/api/exports`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ roundId: ROUND_ID, kind: 'responses', shape, format: 'csv', gzip: gzip === 'gzip' }),
  });
  if (post.status !== 202) throw new Error(`POST /api/exports: ${post.status} ${await post.text()}`);
  const { id } = await post.json();
  let view: { status: string; rows?: number; bytes?: number; error?: string } = { status: 'queued' };
  while (view.status === 'queued' || view.status === 'running') {
    await new Promise((done) => setTimeout(done, 1000));
    view = await (await fetch(`${url}/api/exports/${id}`, { headers })).json();
    while (quarters.length < 3 && (view.rows ?? 0) >= ((quarters.length + 1) * expectedRows) / 4) quarters.push(rssOf(pid));
    process.stderr.write(`\r${job}: ${view.status} ${(view.rows ?? 0).toLocaleString('en')} rows   `);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  quarters.push(rssOf(pid));
  process.stderr.write('\n');
  if (view.status !== 'done') throw new Error(`job ${id} ${view.status}: ${view.error}`);
  if (view.rows !== expectedRows) throw new Error(`${job}: ${view.rows} rows, expected ${expectedRows}`);
  // The file in the bucket is the size the job counted: the upload completed.
  const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: LOCAL_EXPORTS_BUCKET, Prefix: `exports/${ROUND_ID}/` }));
  const object = listed.Contents?.find((o) => o.Key?.includes(id.slice(0, 8)));
  if (object?.Size !== view.bytes) throw new Error(`${job}: object of ${object?.Size} bytes, job counted ${view.bytes}`);
  return {
    job: `${shape}${gzip ? ' gzip' : ''} CSV`,
    households: JOB_HOUSEHOLDS.toLocaleString('en'),
    rows: expectedRows.toLocaleString('en'),
    seconds: seconds.toFixed(0),
    'rows/s': Math.round(expectedRows / seconds).toLocaleString('en'),
    'file MB': mb(view.bytes ?? 0),
    'RSS before MB': mb(before),
    'RSS peak MB': mb(peak),
    'RSS at 25/50/75/100% MB': quarters.map(mb).join(' / '),
  };
}

const ddb = await startDynamoDbLocal();
let server: ChildProcess | undefined;
let s3: Awaited<ReturnType<typeof startS3Local>> | undefined;
try {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: ddb.endpoint });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await createTables(client, LOCAL_TABLES);
  const repo = createRepository(doc, LOCAL_TABLES);
  await Promise.all([seedReferenceData(repo.reference), seedDemoUsers(repo.reference)]);

  if (HOUSEHOLDS > 0) {
    const generating = performance.now();
    const CHUNK = 5000;
    for (let start = 0; start < HOUSEHOLDS; start += CHUNK) {
      const items = Array.from({ length: Math.min(CHUNK, HOUSEHOLDS - start) }, (_, k) => household(start + k));
      await batchPutResponses(doc, LOCAL_TABLES.responses, items);
      process.stderr.write(`\rgenerated ${Math.min(start + CHUNK, HOUSEHOLDS).toLocaleString('en')} / ${HOUSEHOLDS.toLocaleString('en')} households`);
    }
    process.stderr.write(` in ${((performance.now() - generating) / 1000).toFixed(0)} s\n`);

    const started = await startServer(ddb.endpoint);
    server = started.child;
    const token = await login(started.url);
    const results = [];
    for (const [shape, expected] of [
      ['long', memberRowsOf(HOUSEHOLDS)],
      ['wide', HOUSEHOLDS],
    ] as const) {
      const result = await measure(started.url, token, server.pid!, shape, expected);
      if (result.rows !== expected) throw new Error(`${shape}: ${result.rows} rows, expected ${expected}`);
      results.push(result);
    }
    server.kill('SIGTERM');
    server = undefined;
    console.log(`\nRaw responses export through HTTP from DynamoDB Local (bundled server process, RSS sampled every 50 ms)\n`);
    console.log(textTable(results));
  }

  if (JOB_HOUSEHOLDS > 0) {
    s3 = await startS3Local();
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    const started = await startServer(ddb.endpoint, {
      s3: { endpoint: s3.endpoint, bucket: LOCAL_EXPORTS_BUCKET, credentials },
      generated: { households: JOB_HOUSEHOLDS, pace: PACE },
    });
    server = started.child;
    const token = await login(started.url);
    const results = [];
    for (const job of values.jobs.split(',')) results.push(await measureJob(started.url, token, server.pid!, job, s3));
    const source = PACE > 0 ? `a generated source paced at ${PACE.toLocaleString('en')} households/s` : 'an unpaced generated source';
    console.log(`\nExport jobs: POST /api/exports → worker in the API process → multipart upload to s3rver; responses from ${source}`);
    console.log(
      `(bundled server process, RSS sampled every 50 ms; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})\n`,
    );
    console.log(textTable(results));
  }
} finally {
  server?.kill('SIGTERM');
  await s3?.stop();
  await ddb.stop();
}
