// A page's choices kept in the address (`#/results?round=…&areaSet=…`) so that a reload keeps them. Only the
// pages that keep choices import this (lazy chunks): the router only drops the query from the path.
import { href, parseHash } from './use-route';

/** The `?query` of a hash. */
export function hashQuery(hash: string = location.hash): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/** The href of a route with a query (undefined values left out). */
export function hrefWithQuery(segments: string[], query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const search = params.toString();
  return `${href(...segments)}${search ? `?${search}` : ''}`;
}

/** Replaces the current address's query without a new history entry or a hashchange (the page already shows it). */
export function replaceHashQuery(query: Record<string, string | undefined>): void {
  const target = hrefWithQuery(parseHash(location.hash), query);
  if (target !== location.hash) history.replaceState(history.state, '', target);
}
