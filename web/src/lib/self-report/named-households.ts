// The links page's households: pasted lines ("Head name" or "Code; Head name"), and households chosen from the
// village's roster, with the ones that already have a link or an answer marked.
import type { Link, NamedHousehold } from '@shared/api/links';
import type { RosterEntry } from '@shared/roster/roster';
import { foldName } from '@shared/roster/validate-roster';

export function parseNamedHouseholds(text: string): NamedHousehold[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(';');
      if (at < 0) return { headName: line };
      const householdCode = line.slice(0, at).trim();
      const headName = line.slice(at + 1).trim();
      return householdCode ? { headName, householdCode } : { headName };
    });
}

/** Why a roster household needs no new link: it already answered, or holds a link that is not revoked. */
export type RosterMark = 'response' | 'link';

export function rosterMarks(links: readonly Link[], answeredCodes: ReadonlySet<string>): Map<string, RosterMark> {
  const marks = new Map<string, RosterMark>();
  for (const link of links) if (link.householdCode && link.state !== 'revoked') marks.set(link.householdCode, 'link');
  for (const code of answeredCodes) marks.set(code, 'response');
  return marks;
}

/** Roster entries whose code, head name or address contain every word of the query (no case, no diacritics). */
export function filterRoster(entries: readonly RosterEntry[], query: string): readonly RosterEntry[] {
  const words = foldName(query).split(' ').filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((e) => {
    const haystack = foldName(`${e.householdCode} ${e.headName} ${e.address}`);
    return words.every((word) => haystack.includes(word));
  });
}

/** Splits a request's households into batches the API takes (at most `size` each), in order. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let at = 0; at < items.length; at += size) batches.push(items.slice(at, at + size));
  return batches;
}
