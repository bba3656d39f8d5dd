// Every /api answer carries the hardening headers: a strict CSP, nosniff, no referrer, no framing.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app';

describe('security headers on /api/*', () => {
  it.each([
    ['a success', '/api/health'],
    ['an error', '/api/responses'],
    ['a path that does not exist', '/api/nowhere'],
  ])('on %s', async (_name, path) => {
    const t = await createTestApp();
    const res = await t.app.request(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
  });
});
