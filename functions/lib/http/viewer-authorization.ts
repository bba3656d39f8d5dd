// The export function URL sits behind CloudFront origin access control (AWS_IAM auth): CloudFront signs each
// request with SigV4 and so overwrites the Authorization header. A CloudFront function copies the viewer's
// Authorization into x-phieu-authorization first (infra/constructs/web-site.ts); this middleware puts it back, so
// the app checks the Cognito token as everywhere else. Lambda has already verified CloudFront's signature.
import type { MiddlewareHandler } from 'hono';

export const VIEWER_AUTHORIZATION_HEADER = 'x-phieu-authorization';

export const viewerAuthorization: MiddlewareHandler = async (c, next) => {
  const forwarded = c.req.header(VIEWER_AUTHORIZATION_HEADER);
  const headers = c.req.raw.headers;
  // CloudFront's own SigV4 Authorization is never a bearer token: drop it when the viewer sent none.
  if (forwarded) headers.set('authorization', forwarded);
  else if (/^AWS4-HMAC-SHA256 /.test(headers.get('authorization') ?? '')) headers.delete('authorization');
  await next();
};
