// Browser tests run against the built app: build web/dist when it is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = ['web/src', 'web/sw', 'web/public', 'web/index.html', 'web/vite.config.ts', 'shared'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function ensureWebBuilt(): void {
  const built = join(ROOT, 'web/dist/index.html');
  const fresh = existsSync(built) && statSync(built).mtimeMs >= Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  if (!fresh) execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
