// The browser-hardening headers, one definition for the API (every /api answer), the local server (the web app)
// and CloudFront's response headers policy (infra/constructs/web-site.ts). No inline script or style exists in the
// app (Vite emits files; Preact sets style objects through the CSSOM, which CSP does not govern; the QR codes are
// SVG with presentation attributes only), so the policy allows files from the app's own origin and nothing else.

/** The Content-Security-Policy of the app and the API. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // QR codes and chart patterns are inline SVG; downloads are blob: URLs.
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Nothing the app uses; a compromised page gets none of them either. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

/**
 * Every header but HSTS: HSTS is set by CloudFront in AWS (HTTPS only) and never on the local http:// server,
 * where it would make the browser refuse http://127.0.0.1 for a year.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // Self-report links carry their token in the URL fragment; no page ever sends its address anywhere.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Sets the headers on an answer (Hono middleware body: after `next()`). */
export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!headers.has(name)) headers.set(name, value);
}
