// The review calls: a ward's responses (every page) and one review action. Loaded with the review page only.
import { ResponsesPageSchema, type StoredResponse, StoredResponseSchema } from '@shared/api/contract';
import type { ReviewState } from '@shared/review/review';
import { api } from '../platform/api';

/** Every live response of a ward in a round (a ward holds hundreds to a few thousand: read page by page). */
export async function wardResponses(roundId: string, wardCode: string): Promise<StoredResponse[]> {
  const all: StoredResponse[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.json(ResponsesPageSchema, await api.request('GET', '/api/review/responses', { query: { roundId, wardCode, cursor } }));
    all.push(...page.responses);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

/** Approves, returns or rejects a response read at `version`; the server answers the new version. */
export async function reviewResponse(id: string, version: number, state: ReviewState, comment?: string) {
  await api.request('POST', `/api/responses/${encodeURIComponent(id)}/review`, { body: comment ? { state, comment } : { state }, ifMatch: version });
  return reviewedResponse(id);
}

/** One response as a reviewer reads it. */
export async function reviewedResponse(id: string): Promise<StoredResponse> {
  return api.json(StoredResponseSchema, await api.request('GET', `/api/review/responses/${encodeURIComponent(id)}`));
}
