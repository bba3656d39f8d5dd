// Field issues of the household form: from the questionnaire's compiled validator (the same the API runs),
// asked to report every problem at once (required answers, types, ranges and cross-field rules together),
// completed with the "please answer" of every visible required question, ordered as the form shows them, and
// kept in place when a member is removed.
import { translate } from '@shared/i18n/dictionary';
import type { MessageKey } from '@shared/i18n/message-key';
import { type Definition, fillPlaceholders, HOUSEHOLD_DX_V1, type Lang, type Question, type QuestionnaireIssue, validateAnswers } from '@shared/questionnaire';
import type { ResponseBody } from '@shared/survey/schema';
import type { FieldIssue } from '@shared/survey/validate';
import {
  buildResponseBody,
  type FormState,
  fieldPaths,
  type ResponseTarget,
  submittedValue,
  visibleHouseholdQuestions,
  visibleMemberQuestions,
} from './form-state';

/** Visible required questions without an answer, in form order. */
export function missingAnswers(state: FormState, referenceYear: number, lang: Lang, definition: Definition = HOUSEHOLD_DX_V1): FieldIssue[] {
  const message = translate(lang, 'validation.required_when_relevant');
  const issues: FieldIssue[] = [];
  for (const question of visibleHouseholdQuestions(state.household, definition)) {
    if (question.required && submittedValue(question, state.household[question.id]) === undefined) issues.push({ path: `household.${question.id}`, message });
  }
  state.members.forEach((member, index) => {
    for (const question of visibleMemberQuestions(member.answers, referenceYear, definition, state.household)) {
      if (question.required && submittedValue(question, member.answers[question.id]) === undefined)
        issues.push({ path: `members.${index}.${question.id}`, message });
    }
  });
  return issues;
}

/** A validator issue in words: the definition's own text (a rule's message) or the dictionary's. */
export function translateQuestionnaireIssue(lang: Lang, issue: QuestionnaireIssue): FieldIssue {
  const message = issue.text ? fillPlaceholders(issue.text[lang], issue.params) : translate(lang, issue.key as MessageKey, issue.params);
  return { path: issue.path, message };
}

export interface FormCheck {
  /** At most one per field, in form order (issues of no visible field first). */
  issues: FieldIssue[];
  /** The validated body, when there is no issue. */
  body?: ResponseBody;
}

/** Checks the form as it stands with the validator the API runs, every problem at once. */
export function checkForm(state: FormState, target: ResponseTarget, referenceYear: number, lang: Lang, definition: Definition = HOUSEHOLD_DX_V1): FormCheck {
  const body = buildResponseBody(state, target, referenceYear, definition);
  const result = validateAnswers(definition, { household: body.household, members: body.members }, { referenceYear, everyIssue: true });
  const found = result.ok ? [] : result.issues.map((issue) => translateQuestionnaireIssue(lang, issue));
  // "Please answer" first: the same path may also break a rule that reads it (a missing birth year).
  const issues = orderIssues(firstPerPath([...missingAnswers(state, referenceYear, lang, definition), ...found]), fieldPaths(state, referenceYear, definition));
  if (!result.ok || issues.length > 0) return { issues };
  return { issues, body: { ...body, household: result.value.household, members: result.value.members } as unknown as ResponseBody };
}

/** Keeps the first issue of each path. */
export function firstPerPath(issues: readonly FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.path) && seen.add(issue.path));
}

/** Issues sorted by where their field is; issues of no visible field (general ones) come first. */
export function orderIssues(issues: readonly FieldIssue[], paths: readonly string[]): FieldIssue[] {
  const rank = new Map(paths.map((path, index) => [path, index]));
  return [...issues].sort((a, b) => (rank.get(a.path) ?? -1) - (rank.get(b.path) ?? -1));
}

/** Messages by path. */
export function issuesByPath(issues: readonly FieldIssue[]): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue.message);
  return byPath;
}

/** The member index of a `members.<i>.…` path. */
export function memberIndexOf(path: string): number | undefined {
  const match = /^members\.(\d+)(?:\.|$)/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/** Paths after removing member `removed`: its own paths go, later members move up by one. */
export function pathAfterRemoval(path: string, removed: number): string | undefined {
  const index = memberIndexOf(path);
  if (index === undefined || index < removed) return path;
  if (index === removed) return undefined;
  return path.replace(/^members\.\d+/, `members.${index - 1}`);
}

/** The DOM id of a field's input (or first toggle button), and of its message. */
export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

export function errorId(path: string): string {
  return `e-${path.replace(/\./g, '-')}`;
}

/** The question a `household.<id>` or `members.<i>.<id>` path names, with the member's index. */
export function questionOfPath(definition: Definition, path: string): { question: Question; member?: number } | undefined {
  const household = /^household\.([a-z][a-z0-9_]*)$/.exec(path);
  if (household) {
    const question = definition.household.find((q) => q.id === household[1]);
    return question && { question };
  }
  const member = /^members\.(\d+)\.([a-z][a-z0-9_]*)$/.exec(path);
  const question = member && definition.members.questions.find((q) => q.id === member[2]);
  return question ? { question, member: Number(member?.[1]) } : undefined;
}
