// What a household's 409 means for the answers it typed. The typed answers are never thrown away: either
// the server already holds exactly them (an earlier send whose answer was lost) and they count as sent, or
// they stay in the form and the household sends them again at the version the server has now.
import type { SelfForm } from '@shared/api/links';
import { canonicalJson } from '@shared/survey/canonical-json';

export type AfterConflict =
  /** The server holds exactly these answers: they were sent. */
  | { kind: 'sent'; version: number; sentAt: string }
  /** Keep the answers as typed; sending again goes at `version`. */
  | { kind: 'resend'; version: number; sentAt: string }
  /** A collector deleted the household's response: the link can no longer send. */
  | { kind: 'deleted' };

/** Answers of any questionnaire version: compared as canonical JSON. */
type Answers = { household: Record<string, unknown>; members: readonly Record<string, unknown>[] };

const sameAnswers = (a: Answers, b: Answers) =>
  canonicalJson({ household: a.household, members: a.members }) === canonicalJson({ household: b.household, members: b.members });

/** `fresh` is the form as the server gives it now; undefined when it could not be read (then `currentVersion` of the 409). */
export function afterConflict(typed: Answers, fresh: Pick<SelfForm, 'response' | 'deleted'> | undefined, currentVersion?: number): AfterConflict | undefined {
  if (fresh?.deleted) return { kind: 'deleted' };
  const current = fresh?.response;
  if (current) return { kind: sameAnswers(typed, current) ? 'sent' : 'resend', version: current.version, sentAt: current.updatedAt };
  if (fresh === undefined && currentVersion !== undefined) return { kind: 'resend', version: currentVersion, sentAt: new Date().toISOString() };
  return undefined;
}
