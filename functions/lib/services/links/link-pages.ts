// Pages of a village's links, oldest first. The links of a village are few (a cap of live ones per village), so
// a page is cut from the sorted partition; what paging bounds is the answer's size, not the read. The position
// is the last link's (createdAt, linkId), the list's own order: links made or revoked between two pages neither
// repeat nor shift what comes next.
import { problem } from '../../errors';
import type { LinkRecord } from '../../repo/types';

export interface LinksPage {
  records: LinkRecord[];
  /** The position after this page's last link (base64url), for the next page; undefined on the last page. */
  after?: string;
}

// Plain code-unit order (not localeCompare, whose order of ids like "a-B_c" depends on the runtime's collation): the
// cursor's comparison and the page order must agree exactly.
const before = (a: readonly [string, string], b: readonly [string, string]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
const positionOfRecord = (record: LinkRecord) => [record.createdAt, record.linkId] as const;

function positionOf(after: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string')) return [parsed[0], parsed[1]];
  } catch {
    // falls through to the 400
  }
  throw problem.invalidField('cursor', 'validation.invalid_cursor');
}

/** Up to `limit` links after `after` (an opened cursor; undefined: from the first), oldest first (ties by link id). */
export function pageOfLinks(records: readonly LinkRecord[], limit: number, after?: string): LinksPage {
  const sorted = [...records].sort((a, b) => (before(positionOfRecord(a), positionOfRecord(b)) ? -1 : 1));
  const from = after === undefined ? undefined : positionOf(after);
  const rest = from ? sorted.filter((record) => before(from, positionOfRecord(record))) : sorted;
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  if (!last || rest.length <= limit) return { records: page };
  return { records: page, after: Buffer.from(JSON.stringify(positionOfRecord(last))).toString('base64url') };
}
