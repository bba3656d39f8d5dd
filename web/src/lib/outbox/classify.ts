// What an upload's failure means for the household waiting on the phone. Pure: the rules are tested alone.
import type { StoredResponse } from '@shared/api/contract';
import type { MessageKey } from '@shared/i18n/dictionary';
import { canonicalJson } from '@shared/survey/canonical-json';
import type { ResponseBody } from '@shared/survey/schema';

/**
 * retry: keep it and try later (no network, server busy or failing);
 * signin: the session expired: keep everything, stop, ask for a new sign-in (never a rejection);
 * conflict: the server holds another version; the collector chooses;
 * rejected: the server refused these answers: show its reason, keep them for fixing.
 */
export type FailureKind = 'retry' | 'signin' | 'conflict' | 'rejected';

export function classifyFailure(status: number, code: string): FailureKind {
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  if (status === 401) return 'signin';
  // Deleted, or the household already counted through another response: nothing to merge, the collector chooses.
  if (status === 409) return code === 'deleted' || code === 'household_already_answered' ? 'rejected' : 'conflict';
  // A 2xx whose body did not parse: the upload may have worked; a retry is idempotent.
  if (status >= 200 && status < 300) return 'retry';
  return 'rejected';
}

/**
 * What to tell the collector when an upload could not go (it stays on the phone and is tried again): no network
 * only when the request never reached a server; a busy or failing server says so, with what to do.
 */
export function failureMessage(status: number): { key: MessageKey; params?: Record<string, number> } {
  if (status === 0) return { key: 'ui.outbox.failed_network' };
  if (status === 408 || status === 429) return { key: 'ui.outbox.failed_busy' };
  return { key: 'ui.outbox.failed_server', params: { status } };
}

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … at most 5 min. */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The request body a stored response was made from. */
export function bodyOfStored(stored: StoredResponse): ResponseBody {
  const { roundId, wardCode, villageCode, householdCode, household, members } = stored;
  return { roundId, wardCode, villageCode, ...(householdCode ? { householdCode } : {}), household, members } as ResponseBody;
}

/** Same answers whatever the key order (how the server compares a replay, too). */
export function sameBody(a: ResponseBody | undefined, b: ResponseBody | undefined): boolean {
  return a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b);
}
