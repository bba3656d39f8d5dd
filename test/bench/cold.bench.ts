// `npm run bench:cold`: each Lambda bundle's sizes and import time (the init a cold start pays before the
// handler runs), beside a minimal Hono + DynamoDB bundle built with the same options
// (infra/constructs/lambda-bundling.ts, code splitting included). Each import runs in a fresh Node process, the
// bundles in turn; the median of RUNS is shown. Importing the entry loads the chunks it imports statically; the chunks behind
// `import()` are not loaded, as at a cold start. Sizes: the entry chunk, what init loads (entry and its static
// chunks, from esbuild's metafile) and every chunk written.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { ENTRY_FILE, lambdaEsbuildOptions } from '../../infra/constructs/lambda-bundling';
import { textTable } from '../../infra/local/cli-deps';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'phieu-cold-'));

// What the functions read from their environment at init (values are never used: nothing is called).
const ENV = {
  ...process.env,
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  RESPONSES_TABLE: 'r',
  AGGREGATES_TABLE: 'a',
  REFERENCE_TABLE: 'f',
  COGNITO_USER_POOL_ID: 'ap-southeast-1_x',
  COGNITO_CLIENT_ID: 'c',
  LINK_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:1:secret:x',
  ORIGIN_VERIFY: 'o'.repeat(48),
  PUBLIC_URL: 'https://phieu.example.vn',
  // The export worker (new since this bench was written) needs its bucket at init, as in AWS.
  EXPORTS_BUCKET: 'phieu-exports',
  EXPORT_WORKER_FUNCTION: 'phieu-export-worker',
  // Node 20 here: the SDK's warning that it will want Node 22 (Lambda's runtime) would fill the output.
  NODE_NO_WARNINGS: '1',
};

const MINIMAL = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = new Hono().get('/api/x/:id', async (c) => c.json((await doc.send(new GetCommand({ TableName: 't', Key: { id: c.req.param('id') } }))).Item ?? {}));
export const handler = handle(app);
`;

/** One import of `file` in a fresh Node process, in ms. */
function importOnce(file: string): number {
  // The Lambda runtime's global that streaming handlers (export) call at init.
  const runtime = 'globalThis.awslambda = { streamifyResponse: (f) => f, HttpResponseStream: { from: (s) => s } };';
  const script = `${runtime} const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: ENV, encoding: 'utf8' }));
}

/** Median import ms of each file over RUNS rounds; each round imports every file once, so a change of load
 * on the shared machine falls on all bundles alike instead of on whichever was being measured. */
function importMedians(files: string[]): number[] {
  const times = files.map((): number[] => []);
  for (let run = 0; run < RUNS; run++) {
    for (const [i, file] of files.entries()) times[i].push(importOnce(file));
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

interface Sizes {
  entry: number;
  init: number;
  total: number;
}

/** Bytes of the entry chunk, of the chunks a plain import of it loads, and of every chunk. */
function sizes(metafile: Metafile, outdir: string): Sizes {
  const chunks = new Map(Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.mjs')));
  const entry = join(relative(root, outdir), ENTRY_FILE);
  const loaded = new Set<string>();
  const visit = (file: string): void => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const next of chunks.get(file)?.imports ?? []) if (next.kind === 'import-statement' && !next.external) visit(next.path);
  };
  visit(entry);
  const bytes = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + (chunks.get(file)?.bytes ?? 0), 0);
  return { entry: chunks.get(entry)?.bytes ?? 0, init: bytes(loaded), total: bytes(chunks.keys()) };
}

const kB = (bytes: number) => (bytes / 1024).toFixed(1);

try {
  const entries = readdirSync(join(root, 'functions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ name: basename(f, '.ts'), entry: join(root, 'functions', f) }));
  const minimalEntry = join(out, 'minimal.ts');
  writeFileSync(minimalEntry, MINIMAL);
  const bundles = [];
  for (const { name, entry } of [...entries, { name: 'minimal Hono + DynamoDB', entry: minimalEntry }]) {
    const outdir = join(out, name.replace(/\W+/g, '-'));
    const { metafile } = await build({
      ...lambdaEsbuildOptions(entry, outdir),
      absWorkingDir: root,
      nodePaths: [join(root, 'node_modules')],
      logLevel: 'error',
      metafile: true,
    });
    bundles.push({ name, outfile: join(outdir, ENTRY_FILE), sizes: sizes(metafile, outdir) });
  }
  const medians = importMedians(bundles.map((bundle) => bundle.outfile));
  const minimalMs = medians[medians.length - 1];
  const rows = bundles.map(({ name, sizes }, i) => {
    const ms = medians[i];
    return {
      bundle: name,
      'entry kB': kB(sizes.entry),
      'init kB': kB(sizes.init),
      'total kB': kB(sizes.total),
      'import ms (median)': ms.toFixed(1),
      'vs minimal': (ms / minimalMs).toFixed(2),
    };
  });
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  console.log(
    `bench:cold — ${RUNS} fresh processes per bundle, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${load} at the end`,
  );
  console.log(textTable(rows));
} finally {
  rmSync(out, { recursive: true, force: true });
}
