// Where a link points: the web app's self-report page, `<base>/#/s/<token>`. The token sits in the fragment,
// so it never reaches a server or CDN log and needs no server-side route.
import type { AppContext } from '../app/context';

/**
 * The web app's public origin: configured (PUBLIC_URL), else the host CloudFront saw (x-public-host, set by the
 * distribution's function on /api/*), else the browser's Origin, else the request's own origin (local server).
 */
export function publicBaseUrl(c: AppContext, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  const forwarded = c.req.header('x-public-host');
  if (forwarded && /^[A-Za-z0-9.-]+(:\d+)?$/.test(forwarded)) return `https://${forwarded}`;
  const origin = c.req.header('origin');
  if (origin && /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(origin)) return origin;
  return new URL(c.req.url).origin;
}

export function selfReportUrl(base: string, token: string): string {
  return `${base}/#/s/${token}`;
}

/**
 * The client's address for rate limiting: the viewer address CloudFront's function forwards, else the Lambda
 * event's source address (direct calls), else the local server's socket. See README: a caller that bypasses
 * CloudFront can forge the header, so API Gateway's stage throttling remains the hard bound.
 */
export function clientAddress(c: AppContext): string {
  const viewer = c.req.header('x-viewer-address');
  if (viewer) return viewer.trim();
  const env = c.env as { requestContext?: { http?: { sourceIp?: string } }; incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
