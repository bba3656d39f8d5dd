// Turns zod and rule issues into field-level issues: message keys with parameters, never text. The edges
// (the API's error mapping, the form's screens) translate them into the contract's `{ path, message }`.
import type * as z from 'zod/mini';
import type { KeyedIssue, MessageKey, TranslatedIssue } from '../i18n/dictionary';
import { checkSurveyRules, type ResponseBody, ResponseBodySchema, type RuleIssue, type SurveyAnswers, SurveyAnswersSchema } from './schema';

/** An issue before translation; `path` is dotted, e.g. `members.0.birth_year`. */
export type ValidationIssue = KeyedIssue;

/** An issue once translated, as the API returns it and the form shows it. */
export type FieldIssue = TranslatedIssue;

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

type ZodIssue = z.core.$ZodIssue;

/** Validates a `PUT /api/responses/{id}` body for a round with the given reference year. */
export function validateResponseBody(input: unknown, referenceYear: number): Validation<ResponseBody> {
  return validateWith(ResponseBodySchema, input, referenceYear);
}

/** Validates household + members only (the web form and self-report, where area comes from elsewhere). */
export function validateSurveyAnswers(input: unknown, referenceYear: number): Validation<SurveyAnswers> {
  return validateWith(SurveyAnswersSchema, input, referenceYear);
}

function validateWith<T extends SurveyAnswers>(schema: z.ZodMiniType<T>, input: unknown, referenceYear: number): Validation<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.flatMap((issue) => zodIssueToFieldIssues(issue, input)) };
  const ruleIssues = checkSurveyRules(parsed.data, referenceYear);
  if (ruleIssues.length > 0) return { ok: false, issues: ruleIssues.map((issue) => ruleIssueToFieldIssue(issue)) };
  return { ok: true, value: parsed.data };
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * One zod issue as field issues; unknown keys become one issue per key, at the key's own path.
 * `input` (the value that was parsed) tells a missing answer from a wrong one.
 */
export function zodIssueToFieldIssues(issue: ZodIssue, input: unknown): ValidationIssue[] {
  const path = joinPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, key: 'validation.unrecognized_key', params: { key } }));
  }
  return [{ path, ...messageFor(issue, valueAt(input, issue.path)) }];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

type IssueMessage = Omit<ValidationIssue, 'path'>;

function messageFor(issue: ZodIssue, value: unknown): IssueMessage {
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return { key: 'validation.required' };
      if (issue.expected === 'int') return { key: 'validation.integer' };
      const key = `validation.invalid_type.${issue.expected}` as MessageKey;
      return { key: key in DICTIONARY_KEYS ? key : 'validation.invalid_type' };
    }
    case 'too_small':
    case 'too_big': {
      const origin = issue.origin === 'string' || issue.origin === 'array' ? issue.origin : 'number';
      const bound: Record<string, string> = issue.code === 'too_small' ? { minimum: String(issue.minimum) } : { maximum: String(issue.maximum) };
      return { key: `validation.${issue.code}.${origin}` as MessageKey, params: bound };
    }
    case 'invalid_format':
      return { key: issue.format === 'regex' && issue.path.at(-1) === 'phone' ? 'validation.invalid_format.phone' : 'validation.invalid_format' };
    case 'invalid_value':
      return { key: 'validation.invalid_value', params: { values: issue.values.map(String).join(', ') } };
    default:
      return { key: 'validation.invalid_type' };
  }
}

const DICTIONARY_KEYS: Record<string, true> = {
  'validation.invalid_type.boolean': true,
  'validation.invalid_type.number': true,
  'validation.invalid_type.string': true,
  'validation.invalid_type.array': true,
  'validation.invalid_type.object': true,
};

export function ruleIssueToFieldIssue(issue: RuleIssue): ValidationIssue {
  return { path: joinPath(issue.path), key: `validation.${issue.rule}`, ...(issue.params ? { params: issue.params } : {}) };
}
