// An admin ends a user's sessions: the user's existing tokens are refused from then on (401 session_ended), and
// signing in again works.
import { describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD } from '../support/test-app';

describe('POST /api/users/{username}/sign-out', () => {
  it("ends the user's sessions; a new sign-in works", async () => {
    const t = await createTestApp();
    const collector = await t.tokenFor('collector-14815');
    const list = (token: string) => t.app.request('/api/responses?roundId=cds-2024&wardCode=14815', { headers: { authorization: `Bearer ${token}` } });
    expect((await list(collector)).status).toBe(200);

    // Token times are whole seconds: sign out in the next second after the token was issued.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const admin = await t.tokenFor('admin');
    const out = await t.app.request('/api/users/collector-14815/sign-out', { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(out.status).toBe(204);

    const refused = await list(collector);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'session_ended' } });

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'collector-14815', password: TEST_PASSWORD }),
    });
    expect(again.status).toBe(200);
    expect((await list((await again.json()).token)).status).toBe(200);
  });

  it('is for admins only', async () => {
    const t = await createTestApp();
    const collector = await t.tokenFor('collector-14815');
    const res = await t.app.request('/api/users/collector-14809/sign-out', { method: 'POST', headers: { authorization: `Bearer ${collector}` } });
    expect(res.status).toBe(403);
  });
});
