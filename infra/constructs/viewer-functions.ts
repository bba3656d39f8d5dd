// The CloudFront Functions of the distribution (viewer-request, JavaScript 2.0 runtime) as source text: code of
// another runtime (ES5-like, no imports), kept apart from the construct that deploys it.
import { VIEWER_AUTHORIZATION_HEADER } from '../../functions/lib/http/viewer-authorization';

/**
 * Client-side routes (no file extension in the last segment) are served index.html. Done at the viewer request
 * of the web behaviour only: distribution-wide custom error responses would also turn the API's JSON 403/404
 * into index.html with status 200.
 */
export const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * For the API: the viewer's address (the self-report rate limit keys on it; behind CloudFront, API Gateway only
 * sees the edge's) and the public host (self-report link URLs point at the app, not at API Gateway). Set here,
 * they overwrite whatever a client sent through CloudFront.
 */
export const API_VIEWER_HEADERS = `function handler(event) {
  var request = event.request;
  request.headers['x-viewer-address'] = { value: event.viewer.ip };
  if (request.headers.host) request.headers['x-public-host'] = { value: request.headers.host.value };
  return request;
}`;

/**
 * For the export function URL behind origin access control: CloudFront signs the origin request (SigV4) in the
 * Authorization header, replacing the viewer's bearer token, so the token travels in x-phieu-authorization
 * (functions/lib/http/viewer-authorization.ts puts it back). Set here, it overwrites whatever a client sent.
 */
export const EXPORT_VIEWER_AUTHORIZATION = `function handler(event) {
  var request = event.request;
  var auth = request.headers.authorization;
  if (auth) request.headers['${VIEWER_AUTHORIZATION_HEADER}'] = { value: auth.value };
  else delete request.headers['${VIEWER_AUTHORIZATION_HEADER}'];
  return request;
}`;
