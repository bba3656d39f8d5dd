// The one mapping of errors to HTTP: a Problem becomes the contract's error body in the caller's language;
// anything else is logged and answered as a bare 500 (a client never sees a stack trace or an SDK error).

import { translate, translateIssue } from '@shared/i18n/dictionary';
import { fillPlaceholders } from '@shared/questionnaire/issues';
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { Problem } from '../errors';
import type { Log } from '../logger';
import type { AppEnv } from './context';

/** Paths that carry a self-report link token (a credential) in their last segment: /api/self/{token}, /api/links/{token}. */
const TOKEN_PATH = /^(\/api\/(?:self|links)\/)[^/]+/;
/** A typed short code is a credential too: /api/self/code/{code}. */
const CODE_PATH = /^(\/api\/self\/code\/)[^/]+/;

/** The request path as it may be logged: a link token is replaced by `{token}`, a short code by `{code}`. */
export function loggablePath(path: string): string {
  if (CODE_PATH.test(path)) return path.replace(CODE_PATH, '$1{code}');
  return path.replace(TOKEN_PATH, '$1{token}');
}

export function errorHandler(log: Log): ErrorHandler<AppEnv> {
  return (thrown, c) => {
    let error = thrown;
    const lang = c.get('lang') ?? 'vi';
    // DynamoDB refuses a key or value it cannot take (an over-long key, say): the input's fault, so a 400. The
    // schemas bound every id first; this is the backstop, logged so a gap in them shows.
    if (isDynamoValidation(error)) {
      log('dynamodb refused the input', { error: error.message, path: loggablePath(c.req.path), method: c.req.method });
      error = new Problem('bad_request');
    }
    if (error instanceof Problem) {
      const issues = error.issues.map((issue) =>
        issue.text ? { path: issue.path, message: fillPlaceholders(issue.text[lang], issue.params) } : translateIssue(lang, issue),
      );
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      const body = {
        error: { code: error.code, message: translate(lang, error.messageKey, error.params), ...(issues.length ? { issues } : {}), ...error.details },
      };
      return c.json(body, error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: { code: 'bad_request', message: translate(lang, 'error.bad_request') } }, error.status);
    }
    log('unhandled error', {
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      path: loggablePath(c.req.path),
      method: c.req.method,
    });
    return c.json({ error: { code: 'internal', message: translate(lang, 'error.internal') } }, 500);
  };
}

function isDynamoValidation(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ValidationException' && (error as { $fault?: string }).$fault === 'client';
}

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json({ error: { code: 'not_found', message: translate(c.get('lang') ?? 'vi', 'error.not_found') } }, 404);
