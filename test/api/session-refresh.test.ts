// Short ID tokens renewed silently: POST /api/session sets the refresh credential in an HttpOnly, Secure,
// SameSite=Strict cookie scoped to /api/session (never in the body); POST /api/session/refresh answers a new ID
// token from it, and refuses it once an admin has ended the user's sessions.
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

const signIn = (t: TestApp, username: string) =>
  t.app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });

/** `name=value` of the Set-Cookie header, for sending back. */
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;
const refresh = (t: TestApp, cookie?: string) => t.app.request('/api/session/refresh', { method: 'POST', headers: cookie ? { cookie } : {} });
const listWith = (t: TestApp, token: string) =>
  t.app.request('/api/responses?roundId=cds-2024&wardCode=14815', { headers: { authorization: `Bearer ${token}` } });
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('session refresh', () => {
  it('keeps the refresh credential in an HttpOnly, Secure, SameSite=Strict cookie on /api/session only', async () => {
    const t = await createTestApp();
    const res = await signIn(t, 'collector-14815');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['token', 'user']);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^phieu_refresh=[^;]+;/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/api\/session(;|$)/);
    // ID tokens are short: 15 minutes.
    const { iat, exp } = decodeJwt(body.token);
    expect(exp! - iat!).toBe(15 * 60);
  });

  it('answers a new ID token for the same user and sign-in time from the cookie', { timeout: 20_000 }, async () => {
    const t = await createTestApp();
    const first = await signIn(t, 'collector-14815');
    const { token } = await first.json();
    await nextSecond();
    const res = await refresh(t, cookieOf(first));
    expect(res.status).toBe(200);
    const renewed = await res.json();
    expect(renewed.user).toEqual({ username: 'collector-14815', role: 'collector', areas: ['14815'] });
    expect(renewed.token).not.toBe(token);
    expect(decodeJwt(renewed.token).auth_time).toBe(decodeJwt(token).auth_time);
    expect(decodeJwt(renewed.token).iat).toBeGreaterThan(decodeJwt(token).iat!);
    expect((await listWith(t, renewed.token)).status).toBe(200);
  });

  it('refuses a missing, forged or ID-token cookie with 401', async () => {
    const t = await createTestApp();
    const { token } = await (await signIn(t, 'collector-14815')).json();
    expect((await refresh(t)).status).toBe(401);
    expect((await refresh(t, 'phieu_refresh=not-a-token')).status).toBe(401);
    // An ID token is not a refresh credential (another audience).
    expect((await refresh(t, `phieu_refresh=${token}`)).status).toBe(401);
  });

  it('refuses refresh once an admin has ended the sessions, and drops the cookie', { timeout: 20_000 }, async () => {
    const t = await createTestApp();
    const first = await signIn(t, 'collector-14815');
    await nextSecond();
    const admin = await t.tokenFor('admin');
    expect((await t.app.request('/api/users/collector-14815/sign-out', { method: 'POST', headers: { authorization: `Bearer ${admin}` } })).status).toBe(204);
    const res = await refresh(t, cookieOf(first));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'session_ended' } });
    expect(res.headers.get('set-cookie')).toMatch(/^phieu_refresh=;.*Max-Age=0/);
  });

  it('DELETE /api/session clears the cookie', async () => {
    const t = await createTestApp();
    const first = await signIn(t, 'collector-14815');
    const res = await t.app.request('/api/session', { method: 'DELETE', headers: { cookie: cookieOf(first) } });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^phieu_refresh=;.*Max-Age=0.*Path=\/api\/session/);
  });
});
