// The error catalogue: each error has a stable code and status; `onError` in the app maps them to the
// contract's error body. Messages are dictionary keys, rendered in the caller's language.
import type { MessageKey } from '../../shared/i18n/dictionary';
import type { FieldIssue } from '../../shared/survey/validate';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500;

/** An issue before translation: the app renders `key` in the request's language. */
export interface PendingIssue {
  path: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export abstract class AppError extends Error {
  abstract readonly status: ErrorStatus;
  abstract readonly code: string;
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    /** Already translated issues (from validation), or pending ones to translate. */
    readonly issues: (FieldIssue | PendingIssue)[] = [],
    /** Extra fields for the error body, e.g. the current version on a conflict. */
    readonly details: Record<string, unknown> = {},
    /** Response headers that go with the error, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'invalid_request';
  constructor(issues: (FieldIssue | PendingIssue)[]) {
    super('error.bad_request', {}, issues);
  }
}

export class InvalidJsonError extends AppError {
  readonly status = 400;
  readonly code = 'invalid_json';
  constructor() {
    super('validation.invalid_json');
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
  constructor() {
    super('error.unauthorized');
  }
}

export class BadCredentialsError extends AppError {
  readonly status = 401;
  readonly code = 'bad_credentials';
  constructor() {
    super('error.bad_credentials');
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(issues: PendingIssue[] = []) {
    super('error.forbidden', {}, issues);
  }
}

export class RoundClosedError extends AppError {
  readonly status = 403;
  readonly code = 'round_closed';
  constructor() {
    super('validation.round_closed');
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
  constructor() {
    super('error.not_found');
  }
}

export class VersionConflictError extends AppError {
  readonly status = 409;
  readonly code = 'version_conflict';
  constructor(currentVersion: number) {
    super('error.version_conflict', { current: currentVersion }, [], { currentVersion });
  }
}

export class VersionRequiredError extends AppError {
  readonly status = 409;
  readonly code = 'version_required';
  constructor(currentVersion: number) {
    super('error.version_required', {}, [], { currentVersion });
  }
}

export class DeletedError extends AppError {
  readonly status = 409;
  readonly code = 'deleted';
  constructor() {
    super('error.deleted');
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'payload_too_large';
  constructor(limitBytes: number) {
    super('error.payload_too_large', { limit: `${Math.round(limitBytes / 1024)} KB` });
  }
}

// household rosters
export class RosterConflictError extends AppError {
  readonly status = 409;
  readonly code = 'roster_conflict';
  constructor() {
    super('roster.conflict');
  }
}

// ---- self-report links ----

/** Why a self-report link is refused; each is a 401 with its own code so the page can say what happened. */
export type LinkRefusal = 'invalid' | 'expired' | 'revoked';

export class LinkRefusedError extends AppError {
  readonly status = 401;
  readonly code: string;
  constructor(readonly reason: LinkRefusal) {
    super(`error.link_${reason}`);
    this.code = `link_${reason}`;
  }
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly code = 'too_many_requests';
  constructor(retryAfterSeconds: number) {
    super('error.too_many_requests', {}, [], { retryAfter: retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
  }
}
