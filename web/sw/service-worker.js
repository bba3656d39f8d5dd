// Phiếu's service worker. The build (web/sw/precache-plugin.ts) replaces the two placeholders below with
// this version's id and the list of EVERY file it built (lazily loaded chunks included).
// - The app shell is served from the cache first: the app opens with the network off.
// - The reference data a collector needs offline (areas, rounds, the form) is fetched network-first and
//   kept in a cache that outlives app versions. Areas are kept per query (`?level=ward`, `?parent=<ward>`):
//   a collector's phone asks for its own wards' villages only, and each answer comes back offline. A query
//   never answered online yet (the first visit's calls go out before this worker controls the page) falls
//   back to the whole list fetched at install, which the app reads as it always did.
// - Nothing here touches IndexedDB: households waiting on the phone belong to the page's outbox and survive
//   every update of this worker.
const VERSION = '__PHIEU_VERSION__';
const PRECACHE = __PHIEU_PRECACHE__;
const SHELL_CACHE = `phieu-shell-${VERSION}`;
const DATA_CACHE = 'phieu-data';
const DATA_URLS = ['/api/areas', '/api/rounds', '/api/forms/household-dx'];
/** Kept with their query: the answer depends on it. */
const KEYED_BY_QUERY = ['/api/areas'];

function dataKey(url) {
  return KEYED_BY_QUERY.includes(url.pathname) ? url.pathname + url.search : url.pathname;
}
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL_CACHE);
      await shell.addAll(PRECACHE);
      const data = await caches.open(DATA_CACHE);
      // Best effort: offline during an update, the data cached before stays.
      await Promise.all(
        DATA_URLS.map((url) =>
          fetch(url)
            .then((r) => r.ok && data.put(url, r))
            .catch(() => undefined),
        ),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('phieu-shell-') && n !== SHELL_CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

async function networkFirst(request) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok) await cache.put(dataKey(new URL(request.url)), response.clone());
    return response;
  } catch (error) {
    const url = new URL(request.url);
    const cached = (await cache.match(dataKey(url))) ?? (await cache.match(url.pathname));
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  return cached ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (DATA_URLS.includes(url.pathname)) return event.respondWith(networkFirst(request));
  if (url.pathname.startsWith('/api/')) return;
  // Hash routes: every navigation is the one page.
  if (request.mode === 'navigate') return event.respondWith(caches.match('/index.html').then((r) => r ?? fetch(request)));
  event.respondWith(cacheFirst(request));
});
