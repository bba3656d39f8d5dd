// Problems found in answers, definitions and workbooks, as language-free message keys (translated at the edges).
import type { Label } from './definition';

export interface QuestionnaireIssue {
  /** Dotted path: `members.0.birth_year`, `survey.row.12.relevant`, `household.3.relevant`. */
  path: string;
  /** A message key of the app's dictionary (`validation.*`) or of ./messages.ts (`questionnaire.*`, `xlsform.*`). */
  key: string;
  params?: Record<string, string | number>;
  /** Text the definition itself supplies (a rule's message): shown instead of the key's text, placeholders filled. */
  text?: Label;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: QuestionnaireIssue[] };

/** Fills `{name}` placeholders, leaving unknown ones as they are. */
export function fillPlaceholders(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
