// The review calls: a ward's responses (every page) and one review action. Loaded with the review page only.
import { ResponsesPageSchema, type StoredResponse, StoredResponseSchema } from '@shared/api/contract';
import { ReviewSchema, type ReviewState } from '@shared/review/review';
import * as z from 'zod/mini';
import { api } from '../platform/api';

/** What the review action answers: the response's new version and its review. */
const ReviewResultSchema = z.object({ id: z.string(), version: z.number(), review: ReviewSchema });

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

/**
 * Approves, returns or rejects `response` (read at its version) and gives it as it now is: the answer names the new
 * version and review, and nothing else of the response changes, so no second request reads it back.
 */
export async function reviewResponse(response: StoredResponse, state: ReviewState, comment?: string): Promise<StoredResponse> {
  const reviewed = await api.request('POST', `/api/responses/${encodeURIComponent(response.id)}/review`, {
    body: comment ? { state, comment } : { state },
    ifMatch: response.version,
  });
  const { version, review } = await api.json(ReviewResultSchema, reviewed);
  return { ...response, version, review };
}

/** One response as a reviewer reads it. */
export async function reviewedResponse(id: string): Promise<StoredResponse> {
  return api.json(StoredResponseSchema, await api.request('GET', `/api/review/responses/${encodeURIComponent(id)}`));
}
