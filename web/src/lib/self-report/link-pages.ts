// The links page's list, loaded a page at a time (GET /api/links answers at most a page): "Show more" adds the
// next page, a reload (after making or revoking links) loads again as many pages as were shown, and printing
// first loads every page. Which links go on the printed sheet is a pure choice, apart from the network.
import type { Link } from '@shared/api/links';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../platform/api';

export interface LinkPagesState {
  links: Link[];
  /** The next page's cursor; null when every link is loaded. */
  nextCursor: string | null;
  loading: boolean;
  error: Error | undefined;
}

/** The links a printed sheet carries: not revoked, and not of households that already answered unless asked for. */
export function linksToPrint(links: readonly Link[], includeAnswered: boolean): Link[] {
  return links.filter((link) => link.state !== 'revoked' && (includeAnswered || link.state !== 'used'));
}

type Query = { roundId: string; wardCode: string; villageCode: string };

async function loadPages(query: Query, pages: number): Promise<{ links: Link[]; nextCursor: string | null; pages: number }> {
  const links: Link[] = [];
  let cursor: string | undefined;
  let loaded = 0;
  do {
    const page = await api.listLinks({ ...query, ...(cursor ? { cursor } : {}) });
    links.push(...page.links);
    cursor = page.nextCursor ?? undefined;
    loaded += 1;
  } while (cursor && loaded < pages);
  return { links, nextCursor: cursor ?? null, pages: loaded };
}

export function useLinkPages(query: Query) {
  const [state, setState] = useState<LinkPagesState>({ links: [], nextCursor: null, loading: true, error: undefined });
  const shown = useRef(1);
  const latest = useRef(0);
  const key = `${query.roundId}|${query.wardCode}|${query.villageCode}`;

  const run = useCallback(async (load: () => Promise<{ links: Link[]; nextCursor: string | null; pages?: number }>, append: boolean) => {
    const attempt = ++latest.current;
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    try {
      const result = await load();
      if (attempt !== latest.current) return;
      if (result.pages !== undefined) shown.current = result.pages;
      setState((previous) => ({
        links: append ? [...previous.links, ...result.links] : result.links,
        nextCursor: result.nextCursor,
        loading: false,
        error: undefined,
      }));
    } catch (caught) {
      if (attempt !== latest.current) return;
      setState((previous) => ({ ...previous, loading: false, error: caught instanceof Error ? caught : new Error(String(caught)) }));
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is the key; a new village starts from its first page.
  useEffect(() => {
    shown.current = 1;
    void run(() => loadPages(query, 1), false);
  }, [key]);

  const reload = () => run(() => loadPages(query, shown.current), false);
  const more = () => {
    const cursor = state.nextCursor;
    if (!cursor) return Promise.resolve();
    return run(async () => {
      const page = await api.listLinks({ ...query, cursor });
      shown.current += 1;
      return page;
    }, true);
  };
  /** Every remaining page (before printing); resolves when all are loaded or one failed. */
  const all = () => (state.nextCursor ? run(() => loadPages(query, Number.POSITIVE_INFINITY), false) : Promise.resolve());
  return { ...state, reload, more, all };
}
