// Turns zod and rule issues into the field-level issues of the API contract, in vi or en.
import type * as z from 'zod/mini';
import { translate, type MessageKey } from '../i18n/dictionary';
import type { Lang } from './form';
import { checkSurveyRules, ResponseBodySchema, SurveyAnswersSchema, type ResponseBody, type RuleIssue, type SurveyAnswers } from './schema';

export interface FieldIssue {
  /** Dotted path, e.g. `members.0.birth_year`. */
  path: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

type ZodIssue = z.core.$ZodIssue;

/** Validates a `PUT /api/responses/{id}` body for a round with the given reference year. */
export function validateResponseBody(input: unknown, referenceYear: number, lang: Lang): Validation<ResponseBody> {
  return validateWith(ResponseBodySchema, input, referenceYear, lang);
}

/** Validates household + members only (the web form and self-report, where area comes from elsewhere). */
export function validateSurveyAnswers(input: unknown, referenceYear: number, lang: Lang): Validation<SurveyAnswers> {
  return validateWith(SurveyAnswersSchema, input, referenceYear, lang);
}

function validateWith<T extends SurveyAnswers>(schema: z.ZodMiniType<T>, input: unknown, referenceYear: number, lang: Lang): Validation<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.flatMap((issue) => zodIssueToFieldIssues(issue, lang, input)) };
  const ruleIssues = checkSurveyRules(parsed.data, referenceYear);
  if (ruleIssues.length > 0) return { ok: false, issues: ruleIssues.map((issue) => ruleIssueToFieldIssue(issue, lang)) };
  return { ok: true, value: parsed.data };
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * One zod issue as field issues; unknown keys become one issue per key, at the key's own path.
 * `input` (the value that was parsed) tells a missing answer from a wrong one.
 */
export function zodIssueToFieldIssues(issue: ZodIssue, lang: Lang, input: unknown): FieldIssue[] {
  const path = joinPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: translate(lang, 'validation.unrecognized_key', { key }) }));
  }
  return [{ path, message: messageFor(issue, lang, valueAt(input, issue.path)) }];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function messageFor(issue: ZodIssue, lang: Lang, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return translate(lang, 'validation.required');
      if (issue.expected === 'int') return translate(lang, 'validation.integer');
      const key = `validation.invalid_type.${issue.expected}` as MessageKey;
      return translate(lang, key in DICTIONARY_KEYS ? key : 'validation.invalid_type');
    }
    case 'too_small':
    case 'too_big': {
      const origin = issue.origin === 'string' || issue.origin === 'array' ? issue.origin : 'number';
      const bound = issue.code === 'too_small' ? { minimum: String(issue.minimum) } : { maximum: String(issue.maximum) };
      return translate(lang, `validation.${issue.code}.${origin}` as MessageKey, bound);
    }
    case 'invalid_format':
      return translate(lang, issue.format === 'regex' && issue.path.at(-1) === 'phone' ? 'validation.invalid_format.phone' : 'validation.invalid_format');
    case 'invalid_value':
      return translate(lang, 'validation.invalid_value', { values: issue.values.map(String).join(', ') });
    default:
      return translate(lang, 'validation.invalid_type');
  }
}

const DICTIONARY_KEYS: Record<string, true> = {
  'validation.invalid_type.boolean': true,
  'validation.invalid_type.number': true,
  'validation.invalid_type.string': true,
  'validation.invalid_type.array': true,
  'validation.invalid_type.object': true,
};

export function ruleIssueToFieldIssue(issue: RuleIssue, lang: Lang): FieldIssue {
  return { path: joinPath(issue.path), message: translate(lang, `validation.${issue.rule}`, issue.params) };
}
