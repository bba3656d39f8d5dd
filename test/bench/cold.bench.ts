// `npm run bench:cold`: each Lambda bundle's size and import time (the init a cold start pays before the
// handler runs), beside a minimal Hono + DynamoDB bundle built with the same options
// (infra/constructs/lambda-bundling.ts). Each import runs in a fresh Node process; the median of RUNS is shown.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lambdaEsbuildOptions } from '../../infra/constructs/lambda-bundling';
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

function importMs(file: string): number {
  // The Lambda runtime's global that streaming handlers (export) call at init.
  const runtime = 'globalThis.awslambda = { streamifyResponse: (f) => f, HttpResponseStream: { from: (s) => s } };';
  const script = `${runtime} const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const times = Array.from({ length: RUNS }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: ENV, encoding: 'utf8' })),
  );
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

try {
  const entries = readdirSync(join(root, 'functions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ name: basename(f, '.ts'), entry: join(root, 'functions', f) }));
  const minimalEntry = join(out, 'minimal.ts');
  writeFileSync(minimalEntry, MINIMAL);
  const bundles = [];
  for (const { name, entry } of [...entries, { name: 'minimal Hono + DynamoDB', entry: minimalEntry }]) {
    const dir = join(out, name.replace(/\W+/g, '-'));
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, 'index.mjs');
    await build({ ...lambdaEsbuildOptions(entry, outfile), absWorkingDir: root, nodePaths: [join(root, 'node_modules')], logLevel: 'error' });
    bundles.push({ name, outfile });
  }
  const minimal = bundles[bundles.length - 1];
  const minimalMs = importMs(minimal.outfile);
  const rows = bundles.map(({ name, outfile }) => {
    const ms = outfile === minimal.outfile ? minimalMs : importMs(outfile);
    return {
      bundle: name,
      'size kB': (statSync(outfile).size / 1024).toFixed(1),
      'import ms (median)': ms.toFixed(1),
      'vs minimal': (ms / minimalMs).toFixed(2),
    };
  });
  console.log(`bench:cold — ${RUNS} fresh processes per bundle, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`);
  console.log(textTable(rows));
} finally {
  rmSync(out, { recursive: true, force: true });
}
