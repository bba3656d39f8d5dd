// A tiny hash router: `#/collect/<village>/new` becomes ['collect', '<village>', 'new'].
// Hash routes need no server rewrites and survive being opened from a home-screen shortcut.
import { useEffect, useState } from 'preact/hooks';

export function parseHash(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
}

/** The href of a route, each segment escaped. */
export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

export function navigate(...segments: string[]): void {
  location.hash = href(...segments).slice(1);
}

/** The current route's segments; re-renders on every hash change. */
export function useRoute(): string[] {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
