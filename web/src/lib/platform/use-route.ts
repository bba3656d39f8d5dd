// A tiny hash router with named routes: `#/collect/<village>/new` becomes
// { name: 'household', params: { villageCode: '<village>', responseId: 'new' } }.
// Hash routes need no server rewrites and survive being opened from a home-screen shortcut.
import { useEffect, useState } from 'preact/hooks';

/** The path segments of a hash; a `?query` after them is not a segment (hash-query.ts reads it). */
export function parseHash(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .replace(/\?.*$/, '')
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

/**
 * The one path route: the printed short address of a self-report form, `<app>/s/<code>` (a person types it, so it
 * cannot hold a `#`), becomes the hash route `#/s/<code>`; `<app>/s` the code entry page. Undefined for other paths.
 */
export function shortPathToHash(pathname: string): string | undefined {
  const typed = /^\/s(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!typed) return undefined;
  return typed[1] ? `#/s/${typed[1]}` : '#/s';
}

/** The app's routes as patterns (preact-iso's style): `:name` is a parameter, `:name?` an optional one. First match wins. */
const ROUTES = {
  self: '/s/:token?',
  household: '/collect/:villageCode/:responseId',
  collect: '/collect/:villageCode?',
  results: '/results',
  report: '/report/:wardCode/:roundId?',
  roster: '/roster',
  /** An admin moves a user's areas to a newer area set. */
  users: '/users',
  /** Admins: the area sets (Địa giới) and the import of a new one. */
  areaSets: '/area-sets',
  /** `#/rounds/<id>/indicators`: a round's indicator list (Chỉ tiêu). */
  rounds: '/rounds/:roundId?',
  surveyPreview: '/surveys/:surveyId/:version',
  surveys: '/surveys',
  links: '/links/:villageCode?',
  /** `#/review/<ward>`: officials and admins review a ward's responses. */
  review: '/review/:wardCode?',
} as const;

type ParamOf<Part extends string> = Part extends `${infer Name}?` ? { [K in Name]?: string } : { [K in Part]: string };
/** The parameters a pattern names, e.g. `/report/:wardCode/:roundId?` → { wardCode: string; roundId?: string }. */
type ParamsOf<Pattern extends string> = Pattern extends `${string}:${infer Part}/${infer Rest}`
  ? ParamOf<Part> & ParamsOf<`/${Rest}`>
  : Pattern extends `${string}:${infer Part}`
    ? ParamOf<Part>
    : Record<never, string>;

export type RouteName = keyof typeof ROUTES;
export type Route = { [N in RouteName]: { name: N; params: ParamsOf<(typeof ROUTES)[N]> } }[RouteName] | { name: undefined; params: Record<never, string> };

/** The named route of a hash; segments after a pattern's last one are ignored, as they always were. */
export function parseRoute(hash: string): Route {
  const segments = parseHash(hash);
  for (const [name, pattern] of Object.entries(ROUTES)) {
    const params: Record<string, string> = {};
    const matches = pattern
      .slice(1)
      .split('/')
      .every((part, at) => {
        const segment = segments[at];
        if (part[0] !== ':') return part === segment;
        if (segment !== undefined) params[part.slice(1).replace('?', '')] = segment;
        return segment !== undefined || part.endsWith('?');
      });
    if (matches) return { name, params } as Route;
  }
  return { name: undefined, params: {} };
}

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
