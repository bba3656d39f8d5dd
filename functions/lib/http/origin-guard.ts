// The API answers only through CloudFront. API Gateway's execute-api endpoint stays reachable on the internet
// (CloudFront's origin needs it), so every /api/* request must carry the origin-verify header that CloudFront's
// API origin adds (x-phieu-origin-verify, a per-deployment secret value). Without it a caller would skip the WAF,
// the edge rate limits and the viewer-address rate limit of /api/self/*. Mount before the routes; locally and in
// tests no value is configured and the guard lets everything through.
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../errors';
import { carriesOriginVerify, type OriginVerifyValues } from './client-origin';

/**
 * Refuses (403) a request without the deployment's origin-verify value. `originVerify` may list the previous value
 * too (ORIGIN_VERIFY_PREVIOUS, set while a rotation reaches CloudFront's edges). Absent or empty: no guard (local
 * server, tests). `exempt` lists path prefixes that may be reached directly (none needed today: CloudFront adds the
 * header to every request it forwards to the API origin).
 */
export function originGuard(originVerify: OriginVerifyValues, { exempt = [] as readonly string[] } = {}): MiddlewareHandler {
  const accepted = (Array.isArray(originVerify) ? originVerify : [originVerify]).filter((value): value is string => !!value);
  return async (c, next) => {
    if (accepted.length === 0 || exempt.some((prefix) => c.req.path.startsWith(prefix))) return next();
    if (!carriesOriginVerify(c, accepted)) throw new ForbiddenError();
    return next();
  };
}
