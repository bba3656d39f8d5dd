// Field issues of the household form: from the shared validation (the same the API runs), completed with
// the "please answer" of every visible required question, ordered as the form shows them, and kept in
// place when a member is removed.
import { translate, translateIssue } from '@shared/i18n/dictionary';
import type { Lang } from '@shared/survey/form';
import type { ResponseBody } from '@shared/survey/schema';
import { type FieldIssue, validateResponseBody } from '@shared/survey/validate';
import {
  buildResponseBody,
  type FormState,
  fieldPaths,
  type ResponseTarget,
  submittedValue,
  visibleHouseholdQuestions,
  visibleMemberQuestions,
} from './form-state';

/** Visible required questions without an answer. The shared validation stops at shape errors, so on its
 * own it would report the 15+ questions only after every shape error is fixed. */
export function missingAnswers(state: FormState, referenceYear: number, lang: Lang): FieldIssue[] {
  const message = translate(lang, 'validation.required_when_relevant');
  const issues: FieldIssue[] = [];
  for (const question of visibleHouseholdQuestions(state.household)) {
    if (question.required && submittedValue(question, state.household[question.id]) === undefined) issues.push({ path: `household.${question.id}`, message });
  }
  state.members.forEach((member, index) => {
    for (const question of visibleMemberQuestions(member.answers, referenceYear)) {
      if (question.required && submittedValue(question, member.answers[question.id]) === undefined)
        issues.push({ path: `members.${index}.${question.id}`, message });
    }
  });
  return issues;
}

export interface FormCheck {
  /** At most one per field, in form order (issues of no visible field first). */
  issues: FieldIssue[];
  /** The validated body, when there is no issue. */
  body?: ResponseBody;
}

/** Checks the form as it stands with the same validation the API runs. */
export function checkForm(state: FormState, target: ResponseTarget, referenceYear: number, lang: Lang): FormCheck {
  const result = validateResponseBody(buildResponseBody(state, target, referenceYear), referenceYear);
  const shapeIssues = result.ok ? [] : result.issues.map((issue) => translateIssue(lang, issue));
  const issues = orderIssues(firstPerPath([...shapeIssues, ...missingAnswers(state, referenceYear, lang)]), fieldPaths(state, referenceYear));
  return result.ok && issues.length === 0 ? { issues, body: result.value } : { issues };
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
