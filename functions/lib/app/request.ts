// Reading requests at the edge: JSON bodies and validation into field-level 400s.
import type * as z from 'zod/mini';
import { joinPath, zodIssueToFieldIssues } from '../../../shared/survey/validate';
import { InvalidJsonError, ValidationError } from '../errors';
import type { AppContext } from './context';

/** The request body as JSON; malformed JSON is a 400, never a 500. */
export async function readJson(c: AppContext): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidJsonError();
  }
}

/** Parses with `schema` or throws a ValidationError with keyed field issues (the error mapping translates them).
 * `_c` is no longer read: the language is applied in `onError`; kept so that callers need not change. */
export function parseOrThrow<T>(schema: z.ZodMiniType<T>, input: unknown, _c: AppContext): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.flatMap((issue) => zodIssueToFieldIssues(issue, input)));
  return parsed.data;
}

export { joinPath };
