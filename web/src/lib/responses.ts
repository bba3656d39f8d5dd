// Household responses as the collector pages use them: list, load, save, delete. The only place that
// sends a response, so an offline outbox can later sit in front of `saveResponse` without touching pages.
import type { ResponseBody } from '../../../shared/survey/schema';
import { api } from './api';

export interface SaveRequest {
  id: string;
  body: ResponseBody;
  /** The version the form was loaded at; absent for a new household. */
  version?: number;
}

export interface SaveResult {
  id: string;
  version: number;
  created: boolean;
}

/** Creates or replaces one household response; throws ApiError (409: someone else changed it). */
export function saveResponse(request: SaveRequest): Promise<SaveResult> {
  return api.putResponse(request.id, request.body, request.version);
}

/** Deletes at the version the list showed; throws ApiError 409 when it has changed since. */
export function deleteResponse(id: string, version: number): Promise<void> {
  return api.deleteResponse(id, version);
}

export function loadResponse(id: string) {
  return api.getResponse(id);
}

export function listResponses(query: { roundId: string; wardCode: string; villageCode: string; cursor?: string }) {
  return api.listResponses(query);
}
