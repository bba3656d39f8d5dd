// Reading requests at the edge: JSON bodies, validation into field-level 400s, ids and If-Match headers.

import { zodIssueToFieldIssues } from '@shared/survey/validate';
import type * as z from 'zod/mini';
import { problem, ValidationError } from '../errors';
import type { AppContext } from './context';

/**
 * JSON, or no type / text/plain: what `fetch` sends for a string body (older clients and scripts do). A form post,
 * multipart or XML is refused before the body is read.
 */
const JSON_TYPES = /^(?:application\/json|text\/plain)\s*(?:;.*)?$/i;

/** The request body as JSON; malformed JSON is a 400 and a non-JSON content type a 415, never a 500. */
export async function readJson(c: AppContext): Promise<unknown> {
  const type = c.req.header('content-type');
  if (type !== undefined && !JSON_TYPES.test(type.trim())) throw problem.unsupportedMediaType();
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw problem.invalidJson();
  }
}

/** Parses with `schema` or throws a ValidationError with keyed field issues (the error mapping translates them). */
export function parseOrThrow<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.flatMap((issue) => zodIssueToFieldIssues(issue, input)));
  return parsed.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The `:id` path parameter as a lower-case UUID; anything else is a 400 on `id`. */
export function responseId(c: AppContext): string {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) throw problem.invalidField('id', 'validation.invalid_uuid');
  return id.toLowerCase();
}

/** The If-Match version: `3` or `"3"` (an ETag) are accepted; absent is undefined. */
export function ifMatchVersion(c: AppContext): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw problem.invalidField('If-Match', 'validation.invalid_if_match');
  return Number(match[1]);
}

/** `?reason=`: why an admin corrects a closed round (or merges a duplicate); at most 500 characters. */
export function correctionReason(c: AppContext): string | undefined {
  const reason = c.req.query('reason')?.trim();
  if (reason === undefined || reason === '') return undefined;
  if (reason.length > 500) throw problem.invalidField('reason', 'validation.too_big.string', { maximum: 500 });
  return reason;
}
