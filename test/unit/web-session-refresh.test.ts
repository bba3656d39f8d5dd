// The web client renews a refused token once from the refresh cookie and repeats the call; only a refused renewal
// means "sign in again". The sign-in asks for the authenticator code when the server says so.
import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../web/src/lib/platform/api';
import { RENEW_BEFORE_MS, renewDelay, tokenExpiresAt } from '../../web/src/lib/platform/token-expiry';

interface Call {
  url: string;
  init: RequestInit;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const USER = { username: 'c1', role: 'collector', areas: ['14815'] };
const refused = () => json({ error: { code: 'unauthorized', message: 'Bạn cần đăng nhập.' } }, 401);

/** A server whose only valid token is `valid`; the refresh answers `renewal` (a token, 'refuse' or 'offline'). */
function server(renewal: string, valid = renewal) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    if (String(url) === '/api/session/refresh') {
      if (renewal === 'offline') throw new TypeError('Failed to fetch');
      if (renewal === 'refuse') return json({ error: { code: 'session_ended', message: 'Phiên đăng nhập đã kết thúc.' } }, 401);
      return json({ token: renewal, user: USER });
    }
    const auth = (init.headers as Record<string, string>).Authorization;
    return auth === `Bearer ${valid}` ? json({ rounds: [] }) : refused();
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

describe('silent refresh in the API client', () => {
  it('renews a refused token and repeats the call with the new one', async () => {
    const s = server('fresh');
    const onRefreshed = vi.fn();
    const onUnauthorized = vi.fn();
    const client = createApiClient({ token: () => 'expired', lang: () => 'vi', fetch: s.fetch, onRefreshed, onUnauthorized });
    expect(await client.listRounds()).toEqual([]);
    expect(s.calls.map((c) => c.url)).toEqual(['/api/rounds', '/api/session/refresh', '/api/rounds']);
    expect(s.calls[1]!.init).toMatchObject({ method: 'POST' });
    expect((s.calls[2]!.init.headers as Record<string, string>).Authorization).toBe('Bearer fresh');
    expect(onRefreshed).toHaveBeenCalledWith({ token: 'fresh', user: USER });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('shares one renewal among calls refused at the same time', async () => {
    const s = server('fresh');
    const client = createApiClient({ token: () => 'expired', lang: () => 'vi', fetch: s.fetch });
    await Promise.all([client.listRounds(), client.listRounds(), client.listRounds()]);
    expect(s.calls.filter((c) => c.url === '/api/session/refresh')).toHaveLength(1);
  });

  it('asks to sign in again only when the renewal is refused', async () => {
    const s = server('refuse', 'never');
    const onUnauthorized = vi.fn();
    const client = createApiClient({ token: () => 'expired', lang: () => 'vi', fetch: s.fetch, onUnauthorized });
    await expect(client.listRounds()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect(await client.refreshSession()).toBeNull();
  });

  it('treats a renewal without network as a network error, not as a sign-out', async () => {
    const s = server('offline', 'never');
    const onUnauthorized = vi.fn();
    const client = createApiClient({ token: () => 'expired', lang: () => 'vi', fetch: s.fetch, onUnauthorized });
    await expect(client.listRounds()).rejects.toMatchObject({ status: 0, code: 'network' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('turns a throttled or failed renewal into a passing fault (503), never a refusal of the call', async () => {
    const fetch = (async (url: RequestInfo | URL) =>
      String(url) === '/api/session/refresh'
        ? new Response('<html>blocked</html>', { status: 403, headers: { 'content-type': 'text/html' } })
        : refused()) as typeof globalThis.fetch;
    const onUnauthorized = vi.fn();
    const client = createApiClient({ token: () => 'expired', lang: () => 'vi', fetch, onUnauthorized });
    await expect(client.listRounds()).rejects.toMatchObject({ status: 503, code: 'refresh_unavailable' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('never renews for a failed sign-in or a household link', async () => {
    const s = server('fresh', 'never');
    const client = createApiClient({ token: () => null, lang: () => 'vi', fetch: s.fetch });
    await expect(client.createSession('a', 'b')).rejects.toMatchObject({ status: 401 });
    await expect(client.getSelf('tok')).rejects.toMatchObject({ status: 401 });
    expect(s.calls.map((c) => c.url)).not.toContain('/api/session/refresh');
  });
});

describe('sign-in with an authenticator app', () => {
  it('carries the challenge of a 401 mfa_required and sends it back with the code', async () => {
    const calls: Call[] = [];
    const fetch = (async (url: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push({ url: String(url), init });
      const body = JSON.parse(String(init.body));
      if (body.password) return json({ error: { code: 'mfa_required', message: 'Nhập mã 6 số.', session: 'challenge-1' } }, 401);
      return json({ token: 't', user: USER });
    }) as typeof globalThis.fetch;
    const client = createApiClient({ token: () => null, lang: () => 'vi', fetch });
    const challenge = await client.createSession('c1', 'pw').catch((e: unknown) => e);
    expect(challenge).toBeInstanceOf(ApiError);
    expect(challenge).toMatchObject({ status: 401, code: 'mfa_required', mfaSession: 'challenge-1' });
    expect(await client.answerMfa('c1', 'challenge-1', '123456')).toEqual({ token: 't', user: USER });
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ username: 'c1', session: 'challenge-1', code: '123456' });
  });
});

describe('token expiry', () => {
  const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;

  it('reads exp and renews a minute before it, at once when already past', () => {
    const exp = 1_800_000_000;
    expect(tokenExpiresAt(jwt({ exp, name: 'Lê Thị Ánh' }))).toBe(exp * 1000);
    expect(renewDelay(jwt({ exp }), exp * 1000 - 10 * 60_000)).toBe(10 * 60_000 - RENEW_BEFORE_MS);
    expect(renewDelay(jwt({ exp }), exp * 1000 + 5000)).toBe(0);
    expect(tokenExpiresAt('not-a-jwt')).toBeUndefined();
    expect(tokenExpiresAt(jwt({}))).toBeUndefined();
  });
});
