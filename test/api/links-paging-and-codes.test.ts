// GET /api/links in pages with signed cursors, short typable codes (GET /api/self/code/{code}) with their own
// bucket of failed guesses, and the roster's address carried to the household's form.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../functions/lib/app/create-app';
import { createLocalIdentity } from '../../functions/lib/auth/local-identity';
import { loggablePath } from '../../functions/lib/http/on-error';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/test-app';

const VILLAGE = '14815-khu-pho-1';
const LIST = `/api/links?roundId=cds-2024&wardCode=14815&villageCode=${VILLAGE}`;

let t: TestApp;
const setup = async (options: TestAppOptions = {}) => {
  t = await createTestApp(options);
};
beforeEach(() => setup());

async function authed(path: string, username = 'collector-14815', init: RequestInit = {}) {
  const headers = { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
  return t.app.request(path, { ...init, headers });
}

interface MadeLink {
  token: string;
  linkId: string;
  code: string;
  shortUrl: string;
}

async function makeLinks(request: Record<string, unknown>): Promise<MadeLink[]> {
  const res = await authed('/api/links', 'collector-14815', {
    method: 'POST',
    body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, ...request }),
  });
  expect(res.status).toBe(201);
  return (await res.json()).links;
}

/** Links made one after another (a minute apart), so the list's order is known. */
async function linksInOrder(n: number): Promise<MadeLink[]> {
  const made: MadeLink[] = [];
  for (let i = 0; i < n; i += 1) {
    made.push(...(await makeLinks({ count: 1 })));
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
  }
  return made;
}

const fromAddress = (ip: string) => ({ requestContext: { http: { sourceIp: ip } } });
const byCode = (code: string, ip = '198.51.100.1') => t.app.request(`/api/self/code/${encodeURIComponent(code)}`, {}, fromAddress(ip));

describe('GET /api/links in pages', () => {
  it('pages oldest first with limit and an opaque nextCursor, null on the last page', async () => {
    const made = await linksInOrder(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const res = await authed(`${LIST}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { links: MadeLink[]; nextCursor: string | null };
      sizes.push(body.links.length);
      seen.push(...body.links.map((l) => l.linkId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(made.map((l) => l.linkId));
  });

  it('answers everything in one page under the default limit, with nextCursor null', async () => {
    await makeLinks({ count: 3 });
    const body = await (await authed(LIST)).json();
    expect(body.links).toHaveLength(3);
    expect(body.nextCursor).toBeNull();
  });

  it('defaults to 100 links a page', async () => {
    await makeLinks({ count: 150 });
    const first = await (await authed(LIST)).json();
    expect(first.links).toHaveLength(100);
    const second = await (await authed(`${LIST}&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second.links).toHaveLength(50);
    expect(second.nextCursor).toBeNull();
  });

  it.each(['0', '501', '2.5', 'x'])('refuses limit=%s with a field-level 400', async (limit) => {
    const res = await authed(`${LIST}&limit=${limit}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(['limit']);
  });

  it('refuses crafted, altered, foreign and malformed cursors with a 400 at cursor, never a 500', async () => {
    await linksInOrder(3);
    const { nextCursor } = await (await authed(`${LIST}&limit=1`)).json();
    const [inner, tag] = nextCursor.split('.');
    const forged = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', 'x'])).toString('base64url');
    const otherVillage = `/api/links?roundId=cds-2024&wardCode=14815&villageCode=14815-khu-pho-2`;
    const cases = [
      `${LIST}&cursor=garbage`,
      `${LIST}&cursor=${forged}.${tag}`,
      `${LIST}&cursor=${inner}.${tag.slice(0, -2)}AA`,
      `${LIST}&cursor=${inner}`,
      `${LIST}&cursor=${'A'.repeat(2000)}`,
      `${LIST}&cursor=%00%FF.%22`,
      `${otherVillage}&cursor=${encodeURIComponent(nextCursor)}`,
    ];
    for (const path of cases) {
      const res = await authed(path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(['cursor']);
    }
    // Another user's cursor for the same query is not theirs either.
    const adminRes = await authed(`${LIST}&cursor=${encodeURIComponent(nextCursor)}`, 'admin');
    expect(adminRes.status).toBe(400);
  });

  it('keeps the documented filters: another ward is 403, a missing village 400', async () => {
    expect((await authed(LIST, 'collector-14809')).status).toBe(403);
    expect((await authed('/api/links?roundId=cds-2024&wardCode=14815&limit=5')).status).toBe(400);
  });
});

describe('short codes', () => {
  it('gives every new link a grouped 12-character code and a short URL from the configured public URL', async () => {
    const [link] = await makeLinks({ count: 1 });
    expect(link.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(link.shortUrl).toBe(`http://localhost/s/${link.code}`);
    const listed = (await (await authed(LIST)).json()).links[0];
    expect(listed.code).toBe(link.code);
  });

  it('stores no code, only its keyed hash', async () => {
    const [link] = await makeLinks({ count: 1 });
    const stored = JSON.stringify([...t.repo.linkItems.values()]);
    expect(stored).not.toContain(link.code.replace(/-/g, ''));
    expect(stored).not.toContain(link.code);
  });

  it('opens the link from the code typed any way (case, dashes), and the token it gives works', async () => {
    const [link] = await makeLinks({ count: 1 });
    for (const typed of [link.code, link.code.toLowerCase(), link.code.replace(/-/g, ''), ` ${link.code.toLowerCase().replace(/-/g, ' ')} `]) {
      const res = await byCode(typed);
      expect(res.status, typed).toBe(200);
      const body = await res.json();
      expect(body).toEqual({ token: link.token, url: `http://localhost/#/s/${link.token}` });
    }
    const form = await t.app.request(`/api/self/${link.token}`, {}, fromAddress('198.51.100.1'));
    expect(form.status).toBe(200);
  });

  it('refuses a revoked link (401 link_revoked) and an expired one (401 link_expired), like the token', async () => {
    const [revoked, expiring] = await makeLinks({ count: 2 });
    await authed(`/api/links/${revoked.token}`, 'collector-14815', { method: 'DELETE' });
    const r = await byCode(revoked.code);
    expect(r.status).toBe(401);
    expect((await r.json()).error.code).toBe('link_revoked');
    t.clock.now = new Date('2028-01-01T00:00:00Z');
    const e = await byCode(expiring.code);
    expect(e.status).toBe(401);
    expect((await e.json()).error.code).toBe('link_expired');
  });

  it('refuses an unknown code with 401 link_invalid and a malformed one with a field-level 400 at code', async () => {
    const unknown = await byCode('7KQM-4X92-PABC');
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error.code).toBe('link_invalid');
    const malformed = await byCode('7KQM-4X92');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(['code']);
  });

  it('counts failed codes in their own lower bucket per address, blocking further lookups there; tokens from that address go on', async () => {
    await setup({
      selfRateLimits: {
        perToken: { limit: 100, windowMs: 60_000 },
        perAddress: { limit: 100, windowMs: 60_000 },
        invalidPerAddress: { limit: 50, windowMs: 60_000 },
        invalidCodesPerAddress: { limit: 3, windowMs: 60_000 },
      },
    });
    const [link] = await makeLinks({ count: 1 });
    for (const guess of ['AAAA-AAAA-AAAA', 'AAAA-AAAA-AAAB', 'bad']) expect((await byCode(guess, '203.0.113.9')).status).not.toBe(200);
    const limited = await byCode(link.code, '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.app.request(`/api/self/${link.token}`, {}, fromAddress('203.0.113.9'))).status).toBe(200);
    expect((await byCode(link.code, '203.0.113.10')).status).toBe(200);
  });

  it('by default allows fewer failed codes per address than failed tokens', async () => {
    let status = 0;
    let tries = 0;
    while (status !== 429 && tries < 100) {
      tries += 1;
      status = (await byCode(`AAAA-AAAA-${String(tries).padStart(4, '0')}`, '203.0.113.50')).status;
    }
    expect(tries - 1).toBeLessThan(30);
    expect(tries - 1).toBeGreaterThanOrEqual(5);
  });

  it('keys failed codes from IPv6 by the /64', async () => {
    await setup({
      selfRateLimits: {
        perToken: { limit: 100, windowMs: 60_000 },
        perAddress: { limit: 100, windowMs: 60_000 },
        invalidCodesPerAddress: { limit: 2, windowMs: 60_000 },
      },
    });
    expect((await byCode('AAAA-AAAA-AAAA', '2001:db8:1:2::1')).status).toBe(401);
    expect((await byCode('AAAA-AAAA-AAAB', '2001:db8:1:2:ffff::3')).status).toBe(401);
    expect((await byCode('AAAA-AAAA-AAAC', '2001:0db8:0001:0002::9')).status).toBe(429);
    expect((await byCode('AAAA-AAAA-AAAD', '2001:db8:1:3::1')).status).toBe(401);
  });
});

describe('short codes in logs', () => {
  it('writes {code} instead of the code in the error log of a failed code lookup', async () => {
    const identity = await createLocalIdentity(t.repo.reference, 'http://test.local/local-idp');
    const logged: Record<string, unknown>[] = [];
    const app = createApp(
      { repo: t.repo, identity, clock: () => t.clock.now, aggregateSlots: 4, publicUrl: 'http://localhost' },
      { log: (_m, details) => logged.push(details) },
    );
    vi.spyOn(t.repo.links, 'getLinkCode').mockRejectedValue(new Error('storage down'));
    expect((await app.request('/api/self/code/7KQM-4X92-PABC', {}, fromAddress('198.51.100.1'))).status).toBe(500);
    expect(logged.map((l) => l.path)).toEqual(['/api/self/code/{code}']);
    expect(JSON.stringify(logged)).not.toContain('7KQM');
    expect(loggablePath('/api/self/abc.def')).toBe('/api/self/{token}');
  });
});

describe("the roster's address on the household's form", () => {
  it('carries the address of a roster household to GET /api/self/{token}', async () => {
    const roster = [
      'ward_code,village,household_code,head_name,address',
      `14815,${VILLAGE},LS-001,Nguyễn Văn Đức,Số 5 ngõ 12`,
      `14815,${VILLAGE},LS-002,Trần Thị Bình,`,
    ].join('\n');
    const imported = await authed('/api/roster/import', 'admin', { method: 'POST', body: roster, headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(201);
    const [withAddress, without] = await makeLinks({ households: [{ householdCode: 'LS-001' }, { householdCode: 'LS-002' }] });
    const form = await (await t.app.request(`/api/self/${withAddress.token}`, {}, fromAddress('198.51.100.1'))).json();
    expect(form.link).toMatchObject({ headName: 'Nguyễn Văn Đức', householdCode: 'LS-001', address: 'Số 5 ngõ 12' });
    const other = await (await t.app.request(`/api/self/${without.token}`, {}, fromAddress('198.51.100.1'))).json();
    expect(other.link.address).toBeUndefined();
  });
});
