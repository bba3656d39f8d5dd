// A small Vite plugin: emits sw.js with the list of every file of this build (all chunks, lazily loaded
// ones included, CSS, and the public folder) and a version id derived from their names, so each deploy
// installs a new worker that precaches exactly what it serves.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
  } catch {
    return [];
  }
}

export function precacheServiceWorker(options: { source: string; fileName?: string }): Plugin {
  let publicDir = '';
  return {
    name: 'phieu-precache-service-worker',
    apply: 'build',
    // After Vite's own HTML plugin, so index.html is in the bundle too.
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const fileName = options.fileName ?? 'sw.js';
      const built = Object.keys(bundle).filter((name) => name !== fileName && !name.endsWith('.map'));
      const publicFiles = publicDir ? filesUnder(publicDir).map((path) => relative(publicDir, path).split('\\').join('/')) : [];
      const urls = [...new Set(['index.html', ...built, ...publicFiles])].map((name) => `/${name}`).sort();
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(options.source, 'utf8')
        .replace("'__PHIEU_VERSION__'", JSON.stringify(version))
        .replace('__PHIEU_PRECACHE__', JSON.stringify(urls));
      this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
