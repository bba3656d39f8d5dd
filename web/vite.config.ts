// Build of the web app: `vite build web` writes web/dist, which the local server and the CDN serve at `/`.
// In development (`vite web`) the API is proxied to the local stack on port 3000.

import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { precacheServiceWorker } from './sw/precache-plugin';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Same alias as tsconfig.json's paths: `@shared/...` is the repository's shared/ folder.
  resolve: { alias: { '@shared': fileURLToPath(new URL('../shared', import.meta.url)) } },
  plugins: [preact(), precacheServiceWorker({ source: fileURLToPath(new URL('./sw/service-worker.js', import.meta.url)) })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every browser that runs the app supports modulepreload; the polyfill would only add to the initial JS.
    modulePreload: { polyfill: false },
    // One small app: a single chunk loads faster on a phone than a waterfall of tiny ones.
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
