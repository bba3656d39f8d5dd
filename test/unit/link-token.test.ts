// Self-report link tokens and the in-process rate limiter: pure functions, no app.

import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LinkClaims, newLinkId, selfResponseId, signLinkToken, verifyLinkToken } from '../../functions/lib/services/links/link-token';
import { createRateLimiter } from '../../functions/lib/services/links/rate-limiter';

const KEY = randomBytes(32);
const NOW = new Date('2026-11-24T08:00:00Z');
const claims = (overrides: Partial<LinkClaims> = {}): LinkClaims => ({
  roundId: 'cds-2024',
  wardCode: '14815',
  villageCode: '14815-khu-pho-1',
  linkId: newLinkId(),
  expiresAt: new Date('2027-12-31T16:59:59Z'),
  ...overrides,
});

describe('link tokens', () => {
  it('verifies what it signed, naming round, ward, village, link and expiry', () => {
    const signed = claims();
    const checked = verifyLinkToken(KEY, signLinkToken(KEY, signed), NOW);
    expect(checked).toEqual({ ok: true, claims: signed });
  });

  it('stays short enough for a readable QR code', () => {
    expect(signLinkToken(KEY, claims()).length).toBeLessThanOrEqual(90);
  });

  it('refuses every single-character change of a token', () => {
    const token = signLinkToken(KEY, claims());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~';
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...alphabet), (at, char) => {
        fc.pre(token[at] !== char);
        const altered = token.slice(0, at) + char + token.slice(at + 1);
        expect(verifyLinkToken(KEY, altered, NOW).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a token signed with another key, and garbage of any kind', () => {
    expect(verifyLinkToken(KEY, signLinkToken(randomBytes(32), claims()), NOW)).toEqual({ ok: false, reason: 'invalid' });
    fc.assert(fc.property(fc.string({ maxLength: 500 }), (garbage) => !verifyLinkToken(KEY, garbage, NOW).ok));
  });

  it('refuses a token at and after its expiry, but not when expiry is not checked (revocation)', () => {
    const token = signLinkToken(KEY, claims({ expiresAt: new Date('2026-11-24T08:00:00Z') }));
    expect(verifyLinkToken(KEY, token, NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyLinkToken(KEY, token, new Date('2026-11-24T07:59:58Z')).ok).toBe(true);
    expect(verifyLinkToken(KEY, token, null).ok).toBe(true);
  });

  it('makes link ids of 128 random bits that do not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, newLinkId));
    expect(ids.size).toBe(10_000);
    for (const id of [...ids].slice(0, 100)) expect(Buffer.from(id, 'base64url')).toHaveLength(16);
  });

  it('derives one stable UUID per link for its response', () => {
    const id = newLinkId();
    expect(selfResponseId(id)).toBe(selfResponseId(id));
    expect(selfResponseId(id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(selfResponseId(newLinkId())).not.toBe(selfResponseId(id));
  });
});

describe('rate limiter', () => {
  it('allows `limit` hits per window, then says how long to wait', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 10_000 });
    expect(limiter.hit('a', 0)).toEqual({ allowed: true });
    expect(limiter.hit('a', 1_000)).toEqual({ allowed: true });
    expect(limiter.hit('a', 2_500)).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect(limiter.hit('b', 2_500)).toEqual({ allowed: true });
    expect(limiter.hit('a', 10_000)).toEqual({ allowed: true });
  });

  it('keeps at most maxKeys windows, forgetting the oldest', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 }, 3);
    for (const key of ['a', 'b', 'c', 'd']) limiter.hit(key, 0);
    // 'a' was forgotten, so it is allowed again; 'd' is still counted.
    expect(limiter.hit('a', 1).allowed).toBe(true);
    expect(limiter.hit('d', 1).allowed).toBe(false);
  });
});
