// Self-report links through app.request(): making, listing and revoking links (collectors), and a household
// answering through its link (no account). Security rules of the issue each have a test here.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { selfResponseId } from '../../functions/lib/services/links/link-token';
import { adult, child, responseBody } from '../support/fixtures';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/test-app';

const VILLAGE = '14815-khu-pho-1';
const ROUND_CLOSE = '2027-12-31T16:59:59.000Z';

let t: TestApp;

async function setup(options: TestAppOptions = {}) {
  t = await createTestApp(options);
}

beforeEach(() => setup());

async function authed(path: string, username: string, init: RequestInit = {}) {
  const headers = { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
  return t.app.request(path, { ...init, headers });
}

async function makeLinks(request: Record<string, unknown>, username = 'collector-14815') {
  const res = await authed('/api/links', username, {
    method: 'POST',
    body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, ...request }),
  });
  return { res, body: await res.json() };
}

async function oneLink(request: Record<string, unknown> = { count: 1 }) {
  const { res, body } = await makeLinks(request);
  expect(res.status).toBe(201);
  return body.links[0] as { token: string; linkId: string; url: string; responseId: string };
}

/** The household's answers, without round/ward/village (the link fixes them). */
function answers(overrides: Record<string, unknown> = {}) {
  const { household, members } = responseBody();
  return { household, members, ...overrides };
}

const fromAddress = (ip: string) => ({ requestContext: { http: { sourceIp: ip } } });

function selfGet(token: string, ip = '198.51.100.1') {
  return t.app.request(`/api/self/${token}`, {}, fromAddress(ip));
}

function selfPut(token: string, body: unknown, { ifMatch, ip = '198.51.100.1', lang }: { ifMatch?: number; ip?: string; lang?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (ifMatch !== undefined) headers['if-match'] = String(ifMatch);
  if (lang) headers['accept-language'] = lang;
  return t.app.request(`/api/self/${token}`, { method: 'PUT', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }, fromAddress(ip));
}

describe('POST /api/links', () => {
  it('makes blank links: signed tokens, URLs to the self-report page, expiring at the round close', async () => {
    const { res, body } = await makeLinks({ count: 3 });
    expect(res.status).toBe(201);
    expect(body.links).toHaveLength(3);
    for (const link of body.links) {
      expect(link).toMatchObject({
        roundId: 'cds-2024',
        wardCode: '14815',
        villageCode: VILLAGE,
        expiresAt: ROUND_CLOSE,
        state: 'unused',
        createdBy: 'collector-14815',
      });
      expect(link.url).toBe(`http://localhost/#/s/${link.token}`);
      expect(link.linkId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(link.responseId).toBe(selfResponseId(link.linkId));
    }
    expect(new Set(body.links.map((l: { token: string }) => l.token)).size).toBe(3);
    expect(t.repo.linkItems.size).toBe(3);
  });

  it('makes one link per named household of the roster, carrying its name and code', async () => {
    const { res, body } = await makeLinks({ households: [{ headName: 'Lê Văn Tám', householdCode: 'KP1-017' }, { headName: 'Hoàng Thị Mai' }] });
    expect(res.status).toBe(201);
    expect(body.links.map((l: { headName: string; householdCode?: string }) => [l.headName, l.householdCode])).toEqual([
      ['Lê Văn Tám', 'KP1-017'],
      ['Hoàng Thị Mai', undefined],
    ]);
  });

  it('builds URLs from the configured public URL only, whatever Host, X-Forwarded-Host, Origin or x-public-host say', async () => {
    await setup({ publicUrl: 'https://phieu.example.vn/' });
    const hostile = { host: 'evil.example', 'x-forwarded-host': 'evil.example', origin: 'https://evil.example', 'x-public-host': 'evil.example' };
    const res = await authed('/api/links', 'collector-14815', {
      method: 'POST',
      headers: hostile,
      body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, count: 1 }),
    });
    const [made] = (await res.json()).links;
    expect(made.url).toBe(`https://phieu.example.vn/#/s/${made.token}`);
    expect(made.shortUrl).toBe(`https://phieu.example.vn/s/${made.code}`);
    const listed = await authed(`http://evil.example/api/links?roundId=cds-2024&wardCode=14815&villageCode=${VILLAGE}`, 'collector-14815', {
      headers: hostile,
    });
    expect((await listed.json()).links[0]).toMatchObject({ url: made.url, shortUrl: made.shortUrl });
  });

  it.each([
    [{}, 'count'],
    [{ count: 2, households: [{ headName: 'A' }] }, 'count'],
    [{ count: 0 }, 'count'],
    [{ count: 201 }, 'count'],
    [{ households: [{ headName: ' ' }] }, 'households.0.headName'],
    [{ households: [{ headName: 'A', extra: 1 }] }, 'households.0.extra'],
    [{ count: 1, villageCode: '14809-khu-pho-1' }, 'villageCode'],
    [{ count: 1, villageCode: 'x~y' }, 'villageCode'],
    [{ count: 1, roundId: 'nope' }, 'roundId'],
  ])('rejects %j with a field-level 400 at %s, writing nothing', async (request, path) => {
    const { res, body } = await makeLinks(request);
    expect(res.status).toBe(400);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(t.repo.linkItems.size).toBe(0);
  });

  it('refuses a collector of another ward (403), an official (403) and no login (401)', async () => {
    expect((await makeLinks({ count: 1 }, 'collector-14809')).res.status).toBe(403);
    expect((await makeLinks({ count: 1 }, 'official')).res.status).toBe(403);
    const anonymous = await t.app.request('/api/links', {
      method: 'POST',
      body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, count: 1 }),
    });
    expect(anonymous.status).toBe(401);
    expect(t.repo.linkItems.size).toBe(0);
  });

  it('lets an admin make links anywhere', async () => {
    expect((await makeLinks({ count: 1 }, 'admin')).res.status).toBe(201);
  });
});

describe('POST /api/links: named households and the ward roster', () => {
  const ROSTER = [
    'ward_code,village,household_code,head_name,address',
    `14815,${VILLAGE},LS-001,Nguyễn Văn Đức,Số 5`,
    `14815,${VILLAGE},LS-002,Trần Thị Bình,Số 7`,
    '14815,14815-khu-pho-2,LS-003,Lê Văn Cường,',
  ].join('\n');

  async function importRoster() {
    const res = await authed('/api/roster/import', 'admin', { method: 'POST', body: ROSTER, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(201);
  }

  it("takes the head's name from the roster when only the code is given, and keeps a name that is given", async () => {
    await importRoster();
    const { res, body } = await makeLinks({ households: [{ householdCode: 'LS-001' }, { householdCode: 'LS-002', headName: 'Trần T. Bình' }] });
    expect(res.status).toBe(201);
    expect(body.links.map((l: { headName: string; householdCode: string }) => [l.householdCode, l.headName])).toEqual([
      ['LS-001', 'Nguyễn Văn Đức'],
      ['LS-002', 'Trần T. Bình'],
    ]);
    const listed = await (await authed(`/api/links?roundId=cds-2024&wardCode=14815&villageCode=${VILLAGE}`, 'collector-14815')).json();
    // Links made in one request share their creation time: compare as a set.
    expect(listed.links.map((l: { headName: string }) => l.headName).sort()).toEqual(['Nguyễn Văn Đức', 'Trần T. Bình']);
  });

  it("refuses a code not on the village's roster (another village's too) at its field, in the caller's language, writing nothing", async () => {
    await importRoster();
    const households = [{ householdCode: 'LS-001' }, { householdCode: 'LS-003', headName: 'Lê Văn Cường' }, { householdCode: 'KP1-999' }];
    const body = JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, households });
    const vi = await authed('/api/links', 'collector-14815', { method: 'POST', body });
    expect(vi.status).toBe(400);
    expect((await vi.json()).error.issues).toEqual([
      { path: 'households.1.householdCode', message: 'Mã hộ LS-003 không có trong danh sách hộ của thôn/khu phố này.' },
      { path: 'households.2.householdCode', message: 'Mã hộ KP1-999 không có trong danh sách hộ của thôn/khu phố này.' },
    ]);
    const en = await authed('/api/links', 'collector-14815', { method: 'POST', body, headers: { 'accept-language': 'en' } });
    expect((await en.json()).error.issues[0]).toEqual({ path: 'households.1.householdCode', message: "Household LS-003 is not on this village's roster." });
    expect(t.repo.linkItems.size).toBe(0);
  });

  it('without a roster keeps typed codes as they are, and needs a name for every household', async () => {
    expect((await makeLinks({ households: [{ householdCode: 'KP1-017', headName: 'Lê Văn Tám' }] })).res.status).toBe(201);
    const { res, body } = await makeLinks({ households: [{ headName: 'Hoàng Thị Mai' }, { householdCode: 'KP1-018' }, {}] });
    expect(res.status).toBe(400);
    expect(body.error.issues).toEqual([
      { path: 'households.1.headName', message: 'Cần tên chủ hộ (hoặc mã hộ có trong danh sách hộ của thôn/khu phố).' },
      { path: 'households.2.headName', message: 'Cần tên chủ hộ (hoặc mã hộ có trong danh sách hộ của thôn/khu phố).' },
    ]);
    expect(t.repo.linkItems.size).toBe(1);
  });

  it('with a roster still takes households without a code by name (not on the roster)', async () => {
    await importRoster();
    const { res, body } = await makeLinks({ households: [{ headName: 'Hoàng Thị Mai' }, { householdCode: 'LS-002' }] });
    expect(res.status).toBe(201);
    expect(body.links.map((l: { headName: string; householdCode?: string }) => [l.headName, l.householdCode])).toEqual([
      ['Hoàng Thị Mai', undefined],
      ['Trần Thị Bình', 'LS-002'],
    ]);
  });
});

describe('a household answering through its link', () => {
  it('reads the form with ward and village fixed, submits, revises; the aggregate counts it once', async () => {
    const link = await oneLink({ households: [{ headName: 'Nguyễn Văn Đức', householdCode: 'KP1-001' }] });

    const first = await selfGet(link.token);
    expect(first.status).toBe(200);
    const form = await first.json();
    expect(form).toMatchObject({
      link: { linkId: link.linkId, headName: 'Nguyễn Văn Đức', householdCode: 'KP1-001', expiresAt: ROUND_CLOSE },
      round: { id: 'cds-2024', referenceYear: 2024 },
      ward: { code: '14815' },
      village: { code: VILLAGE },
      form: { id: 'household-dx' },
      response: null,
      deleted: false,
    });
    expect(form.form.household.length).toBeGreaterThan(0);

    const created = await selfPut(link.token, answers());
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: link.responseId, version: 1 });
    const stored = t.repo.responseItems.get(link.responseId)!;
    expect(stored).toMatchObject({
      channel: 'self',
      createdBy: `link:${link.linkId}`,
      wardCode: '14815',
      villageCode: VILLAGE,
      householdCode: 'KP1-001',
      version: 1,
    });

    // Coming back: the answers are there, and a revision needs the version it read.
    const again = await (await selfGet(link.token)).json();
    expect(again.response).toMatchObject({ id: link.responseId, version: 1, household: { head_name: 'Nguyễn Văn Đức' } });
    const revisedBody = answers({ members: [adult(), child(), child(2020)] });
    expect((await selfPut(link.token, revisedBody)).status).toBe(409);
    const revised = await selfPut(link.token, revisedBody, { ifMatch: 1 });
    expect(revised.status).toBe(200);
    expect(await revised.json()).toEqual({ id: link.responseId, version: 2 });

    await t.foldPending();
    const wards = await (await authed('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json();
    const lamSon = wards.areas.find((a: { code: string }) => a.code === '14815');
    expect(lamSon.households.surveyed).toBe(1);
    expect(lamSon.members).toBe(3);
  });

  it('accepts a body that repeats the fields the link fixes, and refuses one that changes them (400), writing nothing', async () => {
    const link = await oneLink();
    const same = await selfPut(link.token, { ...answers(), roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE });
    expect(same.status).toBe(201);
    const writes = t.repo.changes.length;
    for (const change of [{ wardCode: '14809' }, { villageCode: '14815-khu-pho-2' }, { roundId: 'other' }, { householdCode: 'X-1' }]) {
      const res = await selfPut(link.token, { ...answers(), ...change }, { ifMatch: 1 });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.issues).toEqual([{ path: Object.keys(change)[0], message: 'Trường này do đường dẫn quy định, không thể thay đổi.' }]);
    }
    expect(t.repo.changes.length).toBe(writes);
  });

  it('gives the same field-level 400s as the collector API, in English on request, and 413 over 64 KB', async () => {
    const link = await oneLink();
    const { household } = answers();
    const { head_name: _omit, ...noName } = household as Record<string, unknown>;
    const missing = await selfPut(link.token, answers({ household: noName }), { lang: 'en' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.issues).toContainEqual({ path: 'household.head_name', message: 'Please answer this question.' });
    expect((await selfPut(link.token, '{not json')).status).toBe(400);
    expect((await selfPut(link.token, [])).status).toBe(400);
    const huge = await selfPut(link.token, answers({ household: { ...household, address: 'x'.repeat(70_000) } }));
    expect(huge.status).toBe(413);
    expect(t.repo.changes).toHaveLength(0);
  });

  it('keeps channel "self" when a collector corrects the household\'s answers', async () => {
    const link = await oneLink();
    await selfPut(link.token, answers());
    const fix = await authed(`/api/responses/${link.responseId}`, 'collector-14815', {
      method: 'PUT',
      headers: { 'if-match': '1' },
      body: JSON.stringify(responseBody({ members: [adult()] })),
    });
    expect(fix.status).toBe(200);
    expect(t.repo.responseItems.get(link.responseId)).toMatchObject({ channel: 'self', version: 2, updatedBy: 'collector-14815' });
    const list = await (await authed(`/api/responses?roundId=cds-2024&wardCode=14815&villageCode=${VILLAGE}`, 'collector-14815')).json();
    expect(list.responses[0]).toMatchObject({ id: link.responseId, channel: 'self' });
  });
});

describe('link security', () => {
  async function refused(token: string, code: string) {
    const writes = t.repo.changes.length;
    const get = await selfGet(token);
    expect(get.status).toBe(401);
    expect((await get.json()).error.code).toBe(code);
    const put = await selfPut(token, answers());
    expect(put.status).toBe(401);
    expect((await put.json()).error.code).toBe(code);
    expect(t.repo.changes.length).toBe(writes);
  }

  it('refuses a forged token: random, or signed with another key (401, nothing written)', async () => {
    await refused('not-a-token', 'link_invalid');
    await refused('1~cds-2024~14815~14815-khu-pho-1~AAAAAAAAAAAAAAAAAAAAAA~zzzzzz.AAAAAAAAAAAAAAAAAAAAAA', 'link_invalid');
    const other = await createTestApp();
    const res = await other.app.request('/api/links', {
      method: 'POST',
      headers: { authorization: `Bearer ${await other.tokenFor('collector-14815')}` },
      body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, count: 1 }),
    });
    await refused((await res.json()).links[0].token, 'link_invalid');
  });

  it('refuses a token altered anywhere: payload (another village) or tag (401)', async () => {
    const link = await oneLink();
    const [payload, tag] = [link.token.slice(0, link.token.lastIndexOf('.')), link.token.slice(link.token.lastIndexOf('.') + 1)];
    expect(payload).toBe(`1~cds-2024~14815~${VILLAGE}~${link.linkId}~${payload.split('~')[5]}`);
    await refused(`${payload.replace(VILLAGE, '14815-khu-pho-2')}.${tag}`, 'link_invalid');
    const flipped = tag[0] === 'A' ? `B${tag.slice(1)}` : `A${tag.slice(1)}`;
    await refused(`${payload}.${flipped}`, 'link_invalid');
    await refused(`${payload}.${tag}x`, 'link_invalid');
  });

  it('refuses an expired link (the round has closed) with 401', async () => {
    const link = await oneLink();
    t.clock.now = new Date('2028-01-01T00:00:00Z');
    await refused(link.token, 'link_expired');
  });

  it('refuses a revoked link with 401; its response stays until a collector deletes it', async () => {
    const link = await oneLink();
    expect((await selfPut(link.token, answers())).status).toBe(201);
    const revoke = await authed(`/api/links/${link.token}`, 'collector-14815', { method: 'DELETE' });
    expect(revoke.status).toBe(204);
    await refused(link.token, 'link_revoked');
    expect((await authed(`/api/responses/${link.responseId}`, 'collector-14815')).status).toBe(200);
    // Revoking again is a harmless replay.
    expect((await authed(`/api/links/${link.token}`, 'collector-14815', { method: 'DELETE' })).status).toBe(204);
  });

  it('lets only collectors of the ward (and admins) revoke; a forged token is 401', async () => {
    const link = await oneLink();
    expect((await authed(`/api/links/${link.token}`, 'collector-14809', { method: 'DELETE' })).status).toBe(403);
    expect((await authed(`/api/links/${link.token}`, 'official', { method: 'DELETE' })).status).toBe(403);
    expect((await t.app.request(`/api/links/${link.token}`, { method: 'DELETE' })).status).toBe(401);
    expect((await authed('/api/links/forged.AAAAAAAAAAAAAAAAAAAAAA', 'collector-14815', { method: 'DELETE' })).status).toBe(401);
    expect((await selfGet(link.token)).status).toBe(200);
    expect((await authed(`/api/links/${link.token}`, 'admin', { method: 'DELETE' })).status).toBe(204);
  });

  it("writes only its own household's response and reads nothing else", async () => {
    const [a, b] = (await makeLinks({ count: 2 })).body.links;
    await selfPut(a.token, answers());
    await selfPut(b.token, answers({ household: { ...answers().household, head_name: 'Hộ B' } }));
    expect(t.repo.responseItems.get(a.responseId)!.household.head_name).toBe('Nguyễn Văn Đức');
    expect(t.repo.responseItems.get(b.responseId)!.household.head_name).toBe('Hộ B');
    const formA = await (await selfGet(a.token)).json();
    expect(JSON.stringify(formA)).not.toContain('Hộ B');
    // The token is no credential anywhere else: not for responses, aggregates, links or exports.
    for (const path of [
      `/api/responses/${b.responseId}`,
      '/api/responses?roundId=cds-2024&wardCode=14815',
      '/api/aggregates?roundId=cds-2024&level=ward',
      '/api/aggregates.csv?roundId=cds-2024&level=ward',
      `/api/links?roundId=cds-2024&wardCode=14815&villageCode=${VILLAGE}`,
    ]) {
      const res = await t.app.request(path, { headers: { authorization: `Bearer ${a.token}` } });
      expect(res.status, path).toBe(401);
    }
    // Nor can a path trick reach another response.
    expect((await t.app.request(`/api/self/${a.token}/../responses/${b.responseId}`)).status).not.toBe(200);
  });

  it('a collector can no longer revive a deleted self response through the link (409 deleted)', async () => {
    const link = await oneLink();
    await selfPut(link.token, answers());
    expect((await authed(`/api/responses/${link.responseId}`, 'collector-14815', { method: 'DELETE', headers: { 'if-match': '1' } })).status).toBe(204);
    expect(await (await selfGet(link.token)).json()).toMatchObject({ response: null, deleted: true });
    expect((await selfPut(link.token, answers(), { ifMatch: 2 })).status).toBe(409);
  });
});

describe('rate limits of /api/self', () => {
  it('limits requests per link with 429 and Retry-After; other links from the same address go on', async () => {
    await setup({ selfRateLimits: { perToken: { limit: 3, windowMs: 60_000 }, perAddress: { limit: 100, windowMs: 60_000 } } });
    const [a, b] = (await makeLinks({ count: 2 })).body.links;
    for (let i = 0; i < 3; i += 1) expect((await selfGet(a.token)).status).toBe(200);
    const limited = await selfPut(a.token, answers());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await limited.json()).error.code).toBe('too_many_requests');
    expect(t.repo.changes).toHaveLength(0);
    expect((await selfGet(b.token)).status).toBe(200);
    // The window passes: the link works again.
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    expect((await selfGet(a.token)).status).toBe(200);
  });

  it('refuses a burst over the per-link limit before any storage read', async () => {
    await setup({ selfRateLimits: { perToken: { limit: 2, windowMs: 60_000 }, perAddress: { limit: 100, windowMs: 60_000 } } });
    const link = await oneLink();
    const getLink = vi.spyOn(t.repo.links, 'getLink');
    const getResponse = vi.spyOn(t.repo.responses, 'get');
    for (let i = 0; i < 2; i += 1) expect((await selfGet(link.token)).status).toBe(200);
    expect(getLink).toHaveBeenCalledTimes(2);
    getLink.mockClear();
    getResponse.mockClear();
    for (let i = 0; i < 5; i += 1) expect((await selfGet(link.token)).status).toBe(429);
    expect((await selfPut(link.token, answers())).status).toBe(429);
    expect(getLink).not.toHaveBeenCalled();
    expect(getResponse).not.toHaveBeenCalled();
  });

  it('limits requests per client address; other addresses go on', async () => {
    await setup({ selfRateLimits: { perToken: { limit: 100, windowMs: 60_000 }, perAddress: { limit: 4, windowMs: 60_000 } } });
    const link = await oneLink();
    for (let i = 0; i < 4; i += 1) expect((await selfGet(link.token, '203.0.113.9')).status).toBe(200);
    const limited = await selfGet(link.token, '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await selfGet(link.token, '203.0.113.10')).status).toBe(200);
  });

  it('counts forged tokens in their own, lower bucket per address: guesses are limited, real links from that address go on', async () => {
    await setup({
      selfRateLimits: {
        perToken: { limit: 100, windowMs: 60_000 },
        perAddress: { limit: 10, windowMs: 60_000 },
        invalidPerAddress: { limit: 4, windowMs: 60_000 },
      },
    });
    const link = await oneLink();
    for (let i = 0; i < 4; i += 1) expect((await selfGet(`guess-${i}`, '203.0.113.9')).status).toBe(401);
    const limited = await selfGet('guess-5', '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await selfGet(link.token, '203.0.113.9')).status).toBe(200);
  });

  it('keys an IPv6 client by its /64', async () => {
    await setup({
      selfRateLimits: {
        perToken: { limit: 100, windowMs: 60_000 },
        perAddress: { limit: 10, windowMs: 60_000 },
        invalidPerAddress: { limit: 2, windowMs: 60_000 },
      },
    });
    expect((await selfGet('guess-1', '2001:db8:1:2::1')).status).toBe(401);
    expect((await selfGet('guess-2', '2001:db8:1:2:ffff:1:2:3')).status).toBe(401);
    expect((await selfGet('guess-3', '2001:0db8:0001:0002::9')).status).toBe(429);
    expect((await selfGet('guess-4', '2001:db8:1:3::1')).status).toBe(401);
  });
});

describe('link tokens in logs', () => {
  it('writes {token} instead of the token in the error log of a failed /api/self or /api/links request', async () => {
    const { createApp } = await import('../../functions/lib/app/create-app');
    const { createLocalIdentity } = await import('../../functions/lib/auth/local-identity');
    const { generatedLinkKey } = await import('../../functions/lib/services/links/link-secret');
    const { loggablePath } = await import('../../functions/lib/http/on-error');
    const identity = await createLocalIdentity(t.repo.reference, 'http://test.local/local-idp');
    const logged: Record<string, unknown>[] = [];
    const app = createApp(
      { repo: t.repo, identity, clock: () => t.clock.now, aggregateSlots: 4, linkKey: generatedLinkKey(), publicUrl: 'http://localhost' },
      { log: (_m, details) => logged.push(details) },
    );
    vi.spyOn(t.repo.links, 'getLink').mockRejectedValue(new Error('storage down'));
    // A link signed with this app's key, made through its own POST.
    const token = (await identity.signIn('collector-14815', 'test-password')).token;
    const made = await app.request('/api/links', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, count: 1 }),
    });
    const link = (await made.json()).links[0];
    expect((await app.request(`/api/self/${link.token}`, {}, fromAddress('198.51.100.1'))).status).toBe(500);
    expect((await app.request(`/api/links/${link.token}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(500);
    expect(logged.map((l) => l.path)).toEqual(['/api/self/{token}', '/api/links/{token}']);
    expect(JSON.stringify(logged)).not.toContain(link.token);
    expect(loggablePath('/api/responses/abc')).toBe('/api/responses/abc');
  });
});

describe('client address of the per-address limit (x-viewer-address)', () => {
  const VERIFY = 'a-random-per-deployment-value-0123456789';
  const limits = { perToken: { limit: 100, windowMs: 60_000 }, perAddress: { limit: 2, windowMs: 60_000 } };
  /** A request from one real source address, claiming a viewer address, with or without CloudFront's verify header. */
  const claiming = (viewer: string, verify?: string) =>
    t.app.request(
      '/api/self/guess',
      { headers: { 'x-viewer-address': viewer, ...(verify !== undefined ? { 'x-phieu-origin-verify': verify } : {}) } },
      fromAddress('192.0.2.50'),
    );

  it('refuses (403) every request without the origin-verify value once one is configured: only CloudFront reaches the routes', async () => {
    await setup({ selfRateLimits: limits, originVerify: VERIFY });
    expect((await claiming('203.0.113.1')).status).toBe(403);
    // A wrong verify value (even a prefix of the right one, or one character more) is no better.
    expect((await claiming('203.0.113.4', VERIFY.slice(0, -1))).status).toBe(403);
    expect((await claiming('203.0.113.5', `${VERIFY}x`)).status).toBe(403);
    expect((await t.app.request('/api/health', {}, fromAddress('192.0.2.50'))).status).toBe(403);
    // Refusals spend nothing of the address's limit: the right value still gets through.
    expect((await claiming('203.0.113.1', VERIFY)).status).toBe(401);
  });

  it('never trusts x-viewer-address when no origin-verify value is configured (local server)', async () => {
    await setup({ selfRateLimits: limits });
    expect((await claiming('203.0.113.1', '')).status).toBe(401);
    expect((await claiming('203.0.113.2', 'anything')).status).toBe(401);
    expect((await claiming('203.0.113.3')).status).toBe(429);
  });

  it('keys on the viewer address CloudFront vouches for with the origin-verify header', async () => {
    await setup({ selfRateLimits: limits, originVerify: VERIFY });
    for (let i = 0; i < 2; i += 1) expect((await claiming('203.0.113.1', VERIFY)).status).toBe(401);
    expect((await claiming('203.0.113.1', VERIFY)).status).toBe(429);
    expect((await claiming('203.0.113.2', VERIFY)).status).toBe(401);
  });
});

describe('GET /api/links', () => {
  it("lists a village's links as unused, used (with when and who answered) or revoked", async () => {
    const [unused, used, revoked] = (await makeLinks({ count: 3 })).body.links;
    await selfPut(used.token, answers());
    await authed(`/api/links/${revoked.token}`, 'collector-14815', { method: 'DELETE' });
    const res = await authed(`/api/links?roundId=cds-2024&wardCode=14815&villageCode=${VILLAGE}`, 'collector-14815');
    expect(res.status).toBe(200);
    const { links } = await res.json();
    const byId = new Map(links.map((l: { linkId: string }) => [l.linkId, l]));
    expect(byId.get(unused.linkId)).toMatchObject({ state: 'unused', token: unused.token });
    expect(byId.get(used.linkId)).toMatchObject({ state: 'used', answeredHeadName: 'Nguyễn Văn Đức', submittedAt: expect.any(String) });
    expect(byId.get(revoked.linkId)).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
  });

  it("refuses another ward's collector (403) and a bad query (400)", async () => {
    expect((await authed(`/api/links?roundId=cds-2024&wardCode=14815&villageCode=${VILLAGE}`, 'collector-14809')).status).toBe(403);
    expect((await authed('/api/links?roundId=cds-2024&wardCode=14815', 'collector-14815')).status).toBe(400);
  });
});
