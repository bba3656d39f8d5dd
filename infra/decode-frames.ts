// Maps the frames of a stack trace that point into a split Lambda bundle (index.mjs or one of its chunks, minified)
// back to source files and lines, with the .map that esbuild wrote beside each chunk. Used by `npm run decode-stack`.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';

// Frames look like `at fn (file:///var/task/index.mjs:1:23456)` or `at file:///var/task/chunk-5PC6KOY5.mjs:1:234`.
const FRAME = /(?:[^\s(]*\/)?([\w.-]+\.mjs):(\d+):(\d+)/g;

/** `trace` with each frame into a chunk of `bundleDir` replaced by its source position; other frames stay. */
export function decodeFrames(trace: string, bundleDir: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (chunk: string): SourceMap | undefined => {
    if (!maps.has(chunk)) {
      const file = join(bundleDir, `${chunk}.map`);
      maps.set(chunk, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
    }
    return maps.get(chunk);
  };
  return trace.replace(FRAME, (frame, chunk: string, line: string, column: string) => {
    const entry = mapOf(chunk)?.findEntry(Number(line) - 1, Number(column) - 1) as
      | { originalSource?: string; originalLine?: number; originalColumn?: number }
      | undefined;
    if (!entry?.originalSource) return frame;
    return `${entry.originalSource}:${(entry.originalLine ?? 0) + 1}:${(entry.originalColumn ?? 0) + 1}`;
  });
}
