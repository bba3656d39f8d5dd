// `npm run decode-stack -- <bundle .map> < trace.txt`: maps a stack trace logged by a Lambda (minified bundle
// positions, since functions run without --enable-source-maps) back to source files and lines, using the .map
// that `npm run build:functions` or `cdk synth` wrote beside the bundle.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { text } from 'node:stream/consumers';

const mapFile = process.argv[2];
if (!mapFile) {
  console.error('Usage: npm run decode-stack -- dist/functions/api/index.mjs.map < trace.txt');
  process.exit(2);
}
const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
const trace = await text(process.stdin);
// Frames look like `at fn (file:///var/task/index.mjs:1:23456)` or `at file:///var/task/index.mjs:1:23456`.
const decoded = trace.replace(/(\S*index\.mjs):(\d+):(\d+)/g, (frame, _file, line, column) => {
  const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (!entry?.originalSource) return frame;
  return `${entry.originalSource}:${(entry.originalLine ?? 0) + 1}:${(entry.originalColumn ?? 0) + 1}`;
});
process.stdout.write(decoded);
