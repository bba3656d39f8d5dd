// `npm run build:functions`: every Lambda entry (functions/*.ts, each exporting `handler`) bundled exactly as the
// CDK construct bundles it, to dist/functions/<name>/ (index.mjs, its chunks and their .map files), so a bundle
// can be inspected, sized or run without synthesising the stacks.

import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ENTRY_FILE, lambdaEsbuildOptions } from './constructs/lambda-bundling';

const root = fileURLToPath(new URL('..', import.meta.url));
const outRoot = join(root, 'dist', 'functions');
const entries = readdirSync(join(root, 'functions')).filter((file) => file.endsWith('.ts'));

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

rmSync(outRoot, { recursive: true, force: true });
for (const file of entries) {
  const name = basename(file, '.ts');
  const outdir = join(outRoot, name);
  await build({ ...lambdaEsbuildOptions(join(root, 'functions', file), outdir), absWorkingDir: root });
  const chunks = readdirSync(outdir).filter((out) => out.endsWith('.mjs'));
  const total = chunks.reduce((sum, out) => sum + statSync(join(outdir, out)).size, 0);
  console.log(`${name}: ${kB(statSync(join(outdir, ENTRY_FILE)).size)} entry, ${kB(total)} in ${chunks.length} files -> ${outdir.slice(root.length)}/`);
}
