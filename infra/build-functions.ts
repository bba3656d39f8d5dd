// `npm run build:functions`: every Lambda entry (functions/*.ts, each exporting `handler`) bundled exactly as the
// CDK construct bundles it, to dist/functions/<name>/index.mjs, so a bundle can be inspected, sized or run
// without synthesising the stacks.

import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lambdaEsbuildOptions } from './constructs/lambda-bundling';

const root = fileURLToPath(new URL('..', import.meta.url));
const outRoot = join(root, 'dist', 'functions');
const entries = readdirSync(join(root, 'functions')).filter((file) => file.endsWith('.ts'));

rmSync(outRoot, { recursive: true, force: true });
for (const file of entries) {
  const name = basename(file, '.ts');
  const outfile = join(outRoot, name, 'index.mjs');
  await build({ ...lambdaEsbuildOptions(join(root, 'functions', file), outfile), absWorkingDir: root, logLevel: 'warning' });
  console.log(`${name}: ${(statSync(outfile).size / 1024).toFixed(1)} kB -> ${outfile.slice(root.length)}`);
}
