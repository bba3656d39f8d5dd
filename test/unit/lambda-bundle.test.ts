// The Lambda bundle options (infra/constructs/lambda-bundling.ts) split a module reached only through import()
// into its own chunk, and a stack trace from that chunk maps back to the source (npm run decode-stack).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_FILE, lambdaEsbuildOptions } from '../../infra/constructs/lambda-bundling';
import { decodeFrames } from '../../infra/decode-frames';

let dir: string;
let outdir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phieu-bundle-'));
  outdir = join(dir, 'out');
  writeFileSync(join(dir, 'entry.ts'), "export const handler = async (kind: string) => (await import('./rarely-used')).fail(kind);\n");
  writeFileSync(
    join(dir, 'rarely-used.ts'),
    '// only some requests need this\nexport function fail(kind: string): never {\n  throw new Error(`RARELY_USED ${kind}`);\n}\n',
  );
  buildSync({ ...lambdaEsbuildOptions(join(dir, 'entry.ts'), outdir), absWorkingDir: dir, logLevel: 'silent' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Lambda bundle', () => {
  it('writes the entry as index.mjs and what only import() reaches as a chunk beside it, each with its map', () => {
    const files = readdirSync(outdir);
    expect(files).toContain(ENTRY_FILE);
    expect(files).toContain(`${ENTRY_FILE}.map`);
    const lazy = files.find((file) => file.startsWith('rarely-used-') && file.endsWith('.mjs'));
    expect(lazy).toBeDefined();
    expect(files).toContain(`${lazy}.map`);
    expect(readFileSync(join(outdir, ENTRY_FILE), 'utf8')).not.toContain('RARELY_USED');
    expect(JSON.parse(readFileSync(join(outdir, `${lazy}.map`), 'utf8')).sourcesContent).toBeUndefined();
  });

  it('maps a stack trace from a chunk back to the source line', () => {
    const entry = pathToFileURL(join(outdir, ENTRY_FILE)).href;
    const script = `try { await (await import(${JSON.stringify(entry)})).handler('x'); } catch (error) { process.stdout.write(error.stack); }`;
    const trace = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(trace).toMatch(/rarely-used-\w+\.mjs:\d+:\d+/);
    const decoded = decodeFrames(trace, outdir);
    expect(decoded).toMatch(/rarely-used\.ts:3:\d+/);
    expect(decoded).not.toMatch(/rarely-used-\w+\.mjs/);
  });
});
