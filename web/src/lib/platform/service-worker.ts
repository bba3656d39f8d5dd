/// <reference types="vite/client" />
// Registers the service worker (production builds only) and tells the app when a new version took over:
// the page keeps running the code it loaded, so it offers a reload; households waiting in IndexedDB are
// untouched by any update.
const listeners = new Set<() => void>();
let updated = false;

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first install takes control of a page that had none: that is no update.
    if (!hadController) return;
    updated = true;
    for (const listener of listeners) listener();
  });
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}

export function appUpdated(): boolean {
  return updated;
}

export function onAppUpdated(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks the browser not to evict this site's storage (households waiting on the phone); true when granted. */
export async function requestPersistentStorage(): Promise<boolean | undefined> {
  try {
    if (!navigator.storage?.persist) return undefined;
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return undefined;
  }
}
