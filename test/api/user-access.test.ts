// An admin changes a user's areas or role, or removes the user: the user's sessions end at once (their tokens
// name the old access), refresh is refused, and a new sign-in carries the new access.
import { describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

const signIn = (t: TestApp, username: string) =>
  t.app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;
const listWith = (t: TestApp, token: string, ward = '14815') =>
  t.app.request(`/api/responses?roundId=cds-2024&wardCode=${ward}`, { headers: { authorization: `Bearer ${token}` } });
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));

async function asAdmin(t: TestApp, method: string, path: string, body?: unknown) {
  const admin = await t.tokenFor('admin');
  return t.app.request(path, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('PATCH /api/users/{username}', () => {
  it("ends the user's sessions when their areas change; a new sign-in names the new areas", { timeout: 20_000 }, async () => {
    const t = await createTestApp();
    await t.tokenFor('admin');
    const first = await signIn(t, 'collector-14815');
    const { token } = await first.json();
    expect((await listWith(t, token)).status).toBe(200);
    await nextSecond();

    expect((await asAdmin(t, 'PATCH', '/api/users/collector-14815', { areas: ['14809'] })).status).toBe(204);

    const refused = await listWith(t, token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'session_ended' } });
    expect((await t.app.request('/api/session/refresh', { method: 'POST', headers: { cookie: cookieOf(first) } })).status).toBe(401);

    await nextSecond();
    const again = await signIn(t, 'collector-14815');
    const session = await again.json();
    expect(session.user).toEqual({ username: 'collector-14815', role: 'collector', areas: ['14809'] });
    expect((await listWith(t, session.token, '14809')).status).toBe(200);
    expect((await listWith(t, session.token, '14815')).status).toBe(403);
  });

  it("ends the user's sessions when their role changes", { timeout: 20_000 }, async () => {
    const t = await createTestApp();
    await t.tokenFor('admin');
    const { token } = await (await signIn(t, 'official-14815')).json();
    await nextSecond();
    expect((await asAdmin(t, 'PATCH', '/api/users/official-14815', { role: 'collector' })).status).toBe(204);
    expect((await listWith(t, token)).status).toBe(401);
    await nextSecond();
    expect((await (await signIn(t, 'official-14815')).json()).user.role).toBe('collector');
  });

  it('answers 404 for an unknown user, 400 for a change that names nothing or a bad role, 403 for non-admins', async () => {
    const t = await createTestApp();
    expect((await asAdmin(t, 'PATCH', '/api/users/nobody', { areas: ['14809'] })).status).toBe(404);
    expect((await asAdmin(t, 'PATCH', '/api/users/collector-14815', {})).status).toBe(400);
    expect((await asAdmin(t, 'PATCH', '/api/users/collector-14815', { role: 'root' })).status).toBe(400);
    const collector = await t.tokenFor('collector-14809');
    const res = await t.app.request('/api/users/collector-14815', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${collector}`, 'content-type': 'application/json' },
      body: JSON.stringify({ areas: ['14809'] }),
    });
    expect(res.status).toBe(403);
  });
});

describe('DELETE /api/users/{username}', () => {
  it("ends the removed user's sessions and refuses their sign-in", { timeout: 20_000 }, async () => {
    const t = await createTestApp();
    await t.tokenFor('admin');
    const first = await signIn(t, 'collector-14815');
    const { token } = await first.json();
    await nextSecond();
    expect((await asAdmin(t, 'DELETE', '/api/users/collector-14815')).status).toBe(204);
    expect((await listWith(t, token)).status).toBe(401);
    expect((await t.app.request('/api/session/refresh', { method: 'POST', headers: { cookie: cookieOf(first) } })).status).toBe(401);
    expect((await signIn(t, 'collector-14815')).status).toBe(401);
    expect((await asAdmin(t, 'DELETE', '/api/users/collector-14815')).status).toBe(404);
  });
});

describe('the streaming export function', () => {
  it("refuses an admin's token once their sessions were ended, as the API does", async () => {
    const { createExportApp } = await import('../../functions/lib/app/create-export-app');
    const { createLocalIdentity } = await import('../../functions/lib/auth/local-identity');
    const t = await createTestApp();
    const identity = await createLocalIdentity(t.repo.reference, 'http://test.local/local-idp');
    const exportApp = createExportApp({ repo: t.repo, identity, sessions: t.repo.sessions, clock: () => new Date() }, { log: () => {} });
    const { token } = await identity.signIn('admin', TEST_PASSWORD);
    const download = () => exportApp.request('/api/exports/responses.csv?roundId=cds-2024', { headers: { authorization: `Bearer ${token}` } });
    await nextSecond();
    await t.repo.sessions.setValidAfter('admin', new Date().toISOString());
    const refused = await download();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'session_ended' } });
  });
});
