// npm run check:size — the JavaScript a collector's phone must load before the app starts (the entry
// chunk and what index.html preloads), gzip-compressed, against the 27 kB budget (the goal of the province-scale work); lazily loaded chunks
// and the service worker are listed for information. Exits 1 above the budget. Needs web/dist (the npm
// script builds it first).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(import.meta.dirname, '../../web/dist');
/**
 * The collector's initial JavaScript budget, gzip (kB as Vite prints them: 1,000 bytes): 26.4 kB measured when
 * zod, the contract schemas, the household form and the English messages became lazy chunks, with a little room.
 */
const BUDGET_BYTES = 27_000;

function gzipSize(file: string): number {
  return gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
}

function kb(bytes: number): string {
  return (bytes / 1000).toFixed(2);
}

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const initial = new Set<string>();
for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g)) initial.add(match[1]);
for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g)) initial.add(match[1]);
if (initial.size === 0) {
  console.error('check:size: no entry script found in web/dist/index.html');
  process.exit(1);
}

const assets = readdirSync(join(DIST, 'assets')).map((name) => `assets/${name}`);
const lazy = assets.filter((file) => file.endsWith('.js') && !initial.has(file));
const css = assets.filter((file) => file.endsWith('.css'));
const rows: [string, string, string, string][] = [];
const row = (file: string, kind: string) => {
  rows.push([file, kind, kb(statSync(join(DIST, file)).size), kb(gzipSize(file))]);
};
for (const file of initial) row(file, 'initial JS');
for (const file of css) row(file, 'CSS');
for (const file of lazy) row(file, 'lazy JS');
row('sw.js', 'service worker');

const initialGzip = [...initial].reduce((sum, file) => sum + gzipSize(file), 0);
const widths = [Math.max(...rows.map((r) => r[0].length), 4), 14, 9, 9];
const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(line(['file', 'kind', 'kB', 'kB gzip']));
for (const r of rows) console.log(line(r));
console.log('');
const verdict = initialGzip <= BUDGET_BYTES ? 'ok' : 'OVER BUDGET';
console.log(`collector initial JS: ${kb(initialGzip)} kB gzip (budget ${kb(BUDGET_BYTES)} kB): ${verdict}`);
if (initialGzip > BUDGET_BYTES) process.exit(1);
