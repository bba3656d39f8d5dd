// `npm run decode-stack -- <bundle directory> < trace.txt`: maps a stack trace logged by a Lambda (minified
// positions in index.mjs or its chunks, since functions run without --enable-source-maps) back to source files and
// lines, using the .map files that `npm run build:functions` or `cdk synth` wrote beside each chunk. A .map file
// given instead of the directory (the form from before the bundles were split) stands for its directory.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { text } from 'node:stream/consumers';
import { decodeFrames } from './decode-frames';

const given = process.argv[2];
if (!given) {
  console.error('Usage: npm run decode-stack -- dist/functions/api < trace.txt');
  process.exit(2);
}
const bundleDir = statSync(given).isDirectory() ? given : dirname(given);
process.stdout.write(decodeFrames(await text(process.stdin), bundleDir));
