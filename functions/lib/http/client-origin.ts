// What a request says about where it came from: the client's address (for rate limiting), read from the headers
// CloudFront and API Gateway set. Link URLs never come from a request: they use the configured public URL.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppContext } from './context';

/**
 * The custom header CloudFront's API origin adds (infra/constructs/web-site.ts), carrying a per-deployment random
 * value the API also gets as ORIGIN_VERIFY. CloudFront overwrites a viewer's header of the same name.
 */
export const ORIGIN_VERIFY_HEADER = 'x-phieu-origin-verify';

/** The origin-verify values a deployment accepts: the current one and, during a rotation, the previous one. */
export type OriginVerifyValues = string | readonly (string | undefined)[] | undefined;

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether the request carries one of the accepted origin-verify values. Digests have equal length, so each
 * comparison is constant-time whatever the lengths given, and every value is compared, so the time taken does not
 * tell which one matched.
 */
export function carriesOriginVerify(c: Pick<AppContext, 'req'>, values: OriginVerifyValues): boolean {
  const accepted = (Array.isArray(values) ? values : [values]).filter((value): value is string => !!value);
  const given = c.req.header(ORIGIN_VERIFY_HEADER);
  if (!given || accepted.length === 0) return false;
  return accepted.map((value) => timingSafeEqual(digest(given), digest(value))).includes(true);
}

/**
 * The client's address for rate limiting, as the key it is counted under (addressKey: IPv6 by its /64). `x-viewer-address` (the viewer address CloudFront's function writes)
 * is trusted only on requests that carry CloudFront's origin-verify header with the deployment's value
 * (`originVerify`); anyone else could forge it. Otherwise: the Lambda event's source address (direct calls to
 * API Gateway), else the local server's socket. Without `originVerify` (local stack, tests) the header is never
 * trusted. API Gateway's stage throttling remains the hard bound.
 */
export function clientAddress(c: AppContext, originVerify?: OriginVerifyValues): string {
  return addressKey(rawClientAddress(c, originVerify));
}

/** The client's address as it came (no /64 keying): what Cognito's threat protection scores. */
export function rawClientAddress(c: AppContext, originVerify?: OriginVerifyValues): string {
  const viewer = c.req.header('x-viewer-address')?.trim();
  if (viewer && carriesOriginVerify(c, originVerify)) return viewer;
  const env = c.env as { requestContext?: { http?: { sourceIp?: string } }; incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * The key a client address is counted under: an IPv4 address as it is, an IPv6 address by its /64 (one home or
 * phone gets a whole /64, so counting single addresses would let it rotate through 2^64 of them).
 */
export function addressKey(address: string): string {
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
