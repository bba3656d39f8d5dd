// The error catalogue: one class, `Problem`, with a stable code; one table maps each code to its HTTP status and
// message key. `onError` (http/on-error.ts) renders the contract's error body in the caller's language.
import type { KeyedIssue, MessageKey } from '@shared/i18n/dictionary';
import type { QuestionnaireIssue } from '@shared/questionnaire/issues';

/** code → status and message. Codes are part of the public contract (docs/API.md): never rename one. */
const CATALOGUE = {
  invalid_request: { status: 400, key: 'error.bad_request' },
  invalid_json: { status: 400, key: 'validation.invalid_json' },
  bad_request: { status: 400, key: 'error.bad_request' },
  unauthorized: { status: 401, key: 'error.unauthorized' },
  bad_credentials: { status: 401, key: 'error.bad_credentials' },
  password_reset_required: { status: 401, key: 'error.password_reset_required' },
  user_not_confirmed: { status: 401, key: 'error.user_not_confirmed' },
  session_ended: { status: 401, key: 'error.session_ended' },
  mfa_required: { status: 401, key: 'error.mfa_required' },
  mfa_code_invalid: { status: 401, key: 'error.mfa_code_invalid' },
  link_invalid: { status: 401, key: 'error.link_invalid' },
  link_expired: { status: 401, key: 'error.link_expired' },
  link_revoked: { status: 401, key: 'error.link_revoked' },
  forbidden: { status: 403, key: 'error.forbidden' },
  round_closed: { status: 403, key: 'validation.round_closed' },
  not_found: { status: 404, key: 'error.not_found' },
  version_conflict: { status: 409, key: 'error.version_conflict' },
  version_required: { status: 409, key: 'error.version_required' },
  deleted: { status: 409, key: 'error.deleted' },
  household_already_answered: { status: 409, key: 'error.household_already_answered' },
  roster_conflict: { status: 409, key: 'roster.conflict' },
  too_many_links: { status: 409, key: 'error.too_many_links' },
  survey_published: { status: 409, key: 'error.survey_published' },
  round_has_responses: { status: 409, key: 'error.round_has_responses' },
  indicators_busy: { status: 409, key: 'indicators.busy' },
  payload_too_large: { status: 413, key: 'error.payload_too_large' },
  unsupported_media_type: { status: 415, key: 'error.unsupported_media_type' },
  too_many_requests: { status: 429, key: 'error.too_many_requests' },
  internal: { status: 500, key: 'error.internal' },
} as const satisfies Record<string, { status: number; key: MessageKey }>;

export type ProblemCode = keyof typeof CATALOGUE;
export type ErrorStatus = (typeof CATALOGUE)[ProblemCode]['status'];

/**
 * An issue before translation: the error mapping renders `key` in the request's language, or `text` (a message a
 * questionnaire definition supplies itself, such as a rule's) in that language.
 */
export type PendingIssue = KeyedIssue & { text?: { vi: string; en: string } };

/** The questionnaire engine's issues as pending issues (its keys are registered from its own message table). */
export function pendingIssues(issues: readonly QuestionnaireIssue[]): PendingIssue[] {
  return issues.map((issue) => ({ ...issue, key: issue.key as MessageKey }));
}

export interface ProblemOptions {
  /** Parameters of the message. */
  params?: Record<string, string | number>;
  /** Field issues as keys, translated in the request's language by the error mapping. */
  issues?: PendingIssue[];
  /** Extra fields for the error body, e.g. the current version on a conflict. */
  details?: Record<string, unknown>;
  /** Response headers that go with the error, e.g. Retry-After on a 429. */
  headers?: Record<string, string>;
}

/** The one error a request can end with on purpose. */
export class Problem extends Error {
  readonly status: ErrorStatus;
  readonly messageKey: MessageKey;
  readonly params: Record<string, string | number>;
  readonly issues: PendingIssue[];
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ProblemCode,
    { params = {}, issues = [], details = {}, headers = {} }: ProblemOptions = {},
  ) {
    super(code);
    this.name = new.target.name;
    this.status = CATALOGUE[code].status;
    this.messageKey = CATALOGUE[code].key;
    this.params = params;
    this.issues = issues;
    this.details = details;
    this.headers = headers;
  }
}

// The two problems that point at request fields keep a name of their own: callers (and the scope tests) tell a
// bad field (400) from a field outside the caller's areas (403) by it.
export class ValidationError extends Problem {
  constructor(issues: PendingIssue[]) {
    super('invalid_request', { issues });
  }
}

export class ForbiddenError extends Problem {
  constructor(issues: PendingIssue[] = []) {
    super('forbidden', { issues });
  }
}

/** Why a self-report link is refused; each is a 401 with its own code so the page can say what happened. */
export type LinkRefusal = 'invalid' | 'expired' | 'revoked';

/** One-word constructors of the catalogue's problems. */
export const problem = {
  invalidField: (path: string, key: MessageKey, params?: Record<string, string | number>) =>
    new ValidationError([{ path, key, ...(params ? { params } : {}) }]),
  invalidJson: () => new Problem('invalid_json'),
  unsupportedMediaType: () => new Problem('unsupported_media_type'),
  unauthorized: () => new Problem('unauthorized'),
  badCredentials: () => new Problem('bad_credentials'),
  linkRefused: (reason: LinkRefusal) => new Problem(`link_${reason}`),
  forbidden: (path?: string) => new ForbiddenError(path ? [{ path, key: 'error.forbidden' }] : []),
  roundClosed: () => new Problem('round_closed'),
  notFound: () => new Problem('not_found'),
  versionConflict: (currentVersion: number) => new Problem('version_conflict', { params: { current: currentVersion }, details: { currentVersion } }),
  versionRequired: (currentVersion: number) => new Problem('version_required', { details: { currentVersion } }),
  deleted: () => new Problem('deleted'),
  /** Another response of the round already counts this roster household: the body names it. */
  householdAnswered: (existingId: string, householdCode: string) =>
    new Problem('household_already_answered', { params: { householdCode }, details: { existingId, householdCode } }),
  rosterConflict: () => new Problem('roster_conflict'),
  surveyPublished: () => new Problem('survey_published'),
  roundHasResponses: () => new Problem('round_has_responses'),
  indicatorsBusy: () => new Problem('indicators_busy'),
  payloadTooLarge: (limitBytes: number) => new Problem('payload_too_large', { params: { limit: `${Math.round(limitBytes / 1024)} KB` } }),
  tooManyRequests: (retryAfterSeconds: number) =>
    new Problem('too_many_requests', { details: { retryAfter: retryAfterSeconds }, headers: { 'Retry-After': String(retryAfterSeconds) } }),
};

/** `value`, or a 404 when there is none. */
export function getOrNotFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw problem.notFound();
  return value;
}
