// Short typable codes of self-report links: derivation, formatting, what a person may type, and the keyed index.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeKeyOf,
  currentCodeKey,
  deriveLinkCode,
  formatLinkCode,
  LINK_CODE_LENGTH,
  linkCodeHash,
  linkCodeHashes,
  normalizeLinkCode,
} from '../../functions/lib/services/links/link-code';
import { linkOfCode } from '../../functions/lib/services/links/link-of-code';
import { linkKeyId, newLinkId } from '../../functions/lib/services/links/link-token';
import { createRateLimiter } from '../../functions/lib/services/links/rate-limiter';
import { createMemoryRepository } from '../support/memory-repo';

const KEY = randomBytes(32);
const OTHER = randomBytes(32);

describe('link codes', () => {
  it('are 12 Crockford base32 characters (60 bits) without I, L, O or U, printed in groups of four', () => {
    const code = deriveLinkCode(KEY, newLinkId());
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(LINK_CODE_LENGTH * 5).toBeGreaterThanOrEqual(60);
    expect(formatLinkCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('are the same for a link every time, and differ by link and by key', () => {
    const linkId = newLinkId();
    expect(deriveLinkCode(KEY, linkId)).toBe(deriveLinkCode(KEY, linkId));
    expect(deriveLinkCode(KEY, linkId)).not.toBe(deriveLinkCode(OTHER, linkId));
    const many = new Set(Array.from({ length: 2000 }, () => deriveLinkCode(KEY, newLinkId())));
    expect(many.size).toBe(2000);
  });

  it('read back whatever the case, dashes and spaces, and with I, L, O typed for 1, 1, 0', () => {
    expect(normalizeLinkCode('7kqm-4x92-pabc')).toBe('7KQM4X92PABC');
    expect(normalizeLinkCode(' 7KQM 4X92 PABC ')).toBe('7KQM4X92PABC');
    expect(normalizeLinkCode('7KQM4X92PABC')).toBe('7KQM4X92PABC');
    expect(normalizeLinkCode('O1LI-0000-AAAA')).toBe('0111-0000-AAAA'.replace(/-/g, ''));
  });

  it('refuse what cannot be a code: wrong length, U or other characters, absurdly long input', () => {
    for (const typed of ['', '7KQM-4X92-PAB', '7KQM-4X92-PABCD', '7KQM-4X92-PABU', '7KQM-4X92-PAB!', 'x'.repeat(1000)])
      expect(normalizeLinkCode(typed)).toBeUndefined();
  });

  it('round-trip: every derived code, formatted and typed in any case, reads back as itself', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.boolean(), (linkId, lower) => {
        const code = deriveLinkCode(KEY, linkId);
        const typed = lower ? formatLinkCode(code).toLowerCase() : formatLinkCode(code);
        expect(normalizeLinkCode(typed)).toBe(code);
      }),
    );
  });

  it('are indexed by a keyed hash (never the code), looked up under the current key and then the previous one', () => {
    const code = deriveLinkCode(KEY, 'abc');
    const hash = linkCodeHash(KEY, code);
    expect(hash).not.toContain(code);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(linkCodeHashes({ current: OTHER, previous: KEY }, code)).toEqual([linkCodeHash(OTHER, code), hash]);
    const { key, kid } = currentCodeKey({ current: KEY, previous: OTHER });
    expect(key).toBe(KEY);
    expect(codeKeyOf({ current: OTHER, previous: KEY }, kid)).toBe(KEY);
    expect(codeKeyOf(OTHER, kid)).toBeUndefined();
  });
});

describe('finding a link by its code', () => {
  it('finds it under the key that made it while that key is current or previous, and not after a second rotation', async () => {
    const repo = createMemoryRepository();
    const linkId = newLinkId();
    const code = deriveLinkCode(KEY, linkId);
    await repo.links.putLinks([
      {
        linkId,
        roundId: 'cds-2024',
        wardCode: '14815',
        villageCode: '14815-khu-pho-1',
        codeKid: linkKeyId(KEY),
        codeHash: linkCodeHash(KEY, code),
        expiresAt: '2027-12-31T16:59:59.000Z',
        createdBy: 'collector-14815',
        createdAt: '2026-11-24T08:00:00.000Z',
      },
    ]);
    const typed = formatLinkCode(code).toLowerCase();
    expect(await linkOfCode(repo.links, KEY, typed)).toMatchObject({ found: true, record: { linkId } });
    expect(await linkOfCode(repo.links, { current: OTHER, previous: KEY }, typed)).toMatchObject({ found: true, record: { linkId } });
    expect(await linkOfCode(repo.links, { current: randomBytes(32), previous: OTHER }, typed)).toEqual({ found: false, reason: 'unknown' });
    expect(await linkOfCode(repo.links, KEY, 'not a code')).toEqual({ found: false, reason: 'malformed' });
  });
});

describe('rate limiter check', () => {
  it('tells a used-up window without counting a request', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
    expect(limiter.check('a', 0)).toEqual({ allowed: true });
    limiter.hit('a', 0);
    expect(limiter.check('a', 0)).toEqual({ allowed: true });
    limiter.hit('a', 0);
    expect(limiter.check('a', 1000)).toEqual({ allowed: false, retryAfterSeconds: 59 });
    expect(limiter.check('a', 60_000)).toEqual({ allowed: true });
  });
});
