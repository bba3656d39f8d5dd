// Which households of a village the collector is looking for: the list's filters by state (what waits, what is
// unfinished, what needs attention, what is sent) and its search by name, household code and address, without
// diacritics or case ("nguyen van" finds "Nguyễn Văn"). Pure: tested alone, used by the list and its counts.
import { foldName } from '@shared/text/fold-name';
import type { LocalHousehold } from './types';

export const HOUSEHOLD_FILTERS = ['all', 'waiting', 'draft', 'attention', 'sent'] as const;
export type HouseholdFilter = (typeof HOUSEHOLD_FILTERS)[number];

type Household = Pick<LocalHousehold, 'state' | 'draft' | 'body' | 'server'>;

/** Complete answers (or a delete) waiting to upload. */
export function isWaiting(record: Pick<LocalHousehold, 'state'>): boolean {
  return record.state === 'pending';
}

/** Answers started and not finished with "Lưu phiếu" (a new household, or changes on top of a saved one). */
export function isDraft(record: Pick<LocalHousehold, 'state' | 'draft'>): boolean {
  return record.state === 'draft' || record.draft !== undefined;
}

/** Refused by the server, or changed by someone else meanwhile: the collector has to look. */
export function needsAttention(record: Pick<LocalHousehold, 'state'>): boolean {
  return record.state === 'rejected' || record.state === 'conflict';
}

/** On the server exactly as on the phone, nothing unfinished. */
export function isSent(record: Pick<LocalHousehold, 'state' | 'draft'>): boolean {
  return record.state === 'uploaded' && record.draft === undefined;
}

const FILTER_TESTS: Record<HouseholdFilter, (record: Household) => boolean> = {
  all: () => true,
  waiting: isWaiting,
  draft: isDraft,
  attention: needsAttention,
  sent: isSent,
};

export function matchesFilter(record: Household, filter: HouseholdFilter): boolean {
  return FILTER_TESTS[filter](record);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The folded text a search looks in: head of household, household code (roster), address. */
export function searchTextOf(record: Household): string {
  const answers = record.draft ?? record.body;
  const code = record.draft?.householdCode ?? record.body?.householdCode ?? record.server?.householdCode;
  return foldName([text(answers?.household.head_name), text(code), text(answers?.household.address)].join(' '));
}

/** True when every word of the query is found in the household's name, code or address (an empty query finds all). */
export function matchesQuery(record: Household, query: string): boolean {
  const words = foldName(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = searchTextOf(record);
  return words.every((word) => haystack.includes(word));
}

/** The households to show for a search and a filter, in the order given. */
export function findHouseholds<R extends Household>(records: readonly R[], query: string, filter: HouseholdFilter): R[] {
  return records.filter((record) => matchesFilter(record, filter) && matchesQuery(record, query));
}

/** How many households each filter shows (for the filter buttons). */
export function countByFilter(records: readonly Household[]): { [F in HouseholdFilter]: number } {
  const counts = { all: 0, waiting: 0, draft: 0, attention: 0, sent: 0 };
  for (const record of records) for (const filter of HOUSEHOLD_FILTERS) if (matchesFilter(record, filter)) counts[filter] += 1;
  return counts;
}
