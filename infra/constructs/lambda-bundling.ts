// How every Lambda bundle is built: read by the PhieuFunction construct (CDK runs esbuild) and by
// `npm run build:functions` (which runs esbuild itself), so what ships and what is built locally cannot drift.
import type { BuildOptions } from 'esbuild';

/** ESM bundles still meet CommonJS dependencies that call `require`. */
export const CREATE_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** The bundling props PhieuFunction passes to NodejsFunction (besides `format: OutputFormat.ESM`). */
export const LAMBDA_BUNDLING = {
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: CREATE_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Ship the SDK versions the code was tested with, not whatever the runtime carries.
  bundleAwsSDK: true,
} as const;

/** The esbuild options NodejsFunction derives from LAMBDA_BUNDLING, for one entry written to `outfile`. */
export function lambdaEsbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    // bundleAwsSDK: true means no externals at all.
    external: [],
  };
}
