// How every Lambda bundle is built: one definition read by the PhieuFunction construct (its asset runs esbuild),
// by `npm run build:functions` and by `npm run bench:cold`, so what ships, what is built locally and what is
// measured cannot drift.
import type { BuildOptions } from 'esbuild';

/** ESM bundles still meet CommonJS dependencies that call `require`; every chunk gets its own. */
export const CREATE_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** The file Lambda loads (handler `index.handler`); chunks are written beside it. */
export const ENTRY_FILE = 'index.mjs';

/**
 * esbuild options for one function, written to `outdir`: the entry as index.mjs and, beside it, one chunk per
 * module reached only through `import()` (and chunks shared between them). Code splitting is the point: a
 * chunk behind `import()` is not read, parsed or evaluated at a cold start, only on its first use.
 * No --enable-source-maps at run time (it cost every cold start 13-25 ms): the .map beside each chunk, without
 * sources, is for `npm run decode-stack`.
 */
export function lambdaEsbuildOptions(entry: string, outdir: string) {
  return {
    entryPoints: [{ in: entry, out: 'index' }],
    outdir,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: CREATE_REQUIRE_BANNER },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    // Ship the SDK versions the code was tested with, not whatever the runtime carries: nothing is external.
    external: [],
    logLevel: 'warning',
  } satisfies BuildOptions;
}
