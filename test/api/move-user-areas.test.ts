// An admin moves a user's areas to the 2025 set through its mapping: a preview of the mapped codes, then the
// change, after which the user's areas are read in the 2025 set only (codes were reused: 14812 is no longer Ba Đình).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { responseBody } from '../support/fixtures';
import { round2026 } from '../support/survey-fixtures';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));
const signIn = async (t: TestApp, username: string) =>
  (
    await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    })
  ).json();

async function asAdmin(t: TestApp, method: string, path: string, body?: unknown) {
  return t.app.request(path, {
    method,
    headers: { authorization: `Bearer ${await t.tokenFor('admin')}`, 'content-type': 'application/json', 'accept-language': 'en' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('POST /api/users/{username}/areas/move', () => {
  it('previews the mapped codes, then moves a Lam Sơn collector to Phường Bỉm Sơn, read in the 2025 set', { timeout: 30_000 }, async () => {
    const t = await createTestApp();
    const move = { areas: ['14815'], toSetId: 'bim-son-2025' };
    const preview = await asAdmin(t, 'POST', '/api/users/collector-14815/areas/move?dryRun=1', move);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({
      dryRun: true,
      moved: false,
      fromSetId: 'bim-son-2020',
      toSetId: 'bim-son-2025',
      codes: [{ from: '14815', to: ['14812'] }],
      areas: ['14812'],
      unmapped: [],
    });
    // A preview changes nothing.
    expect((await signIn(t, 'collector-14815')).user).toEqual({ username: 'collector-14815', role: 'collector', areas: ['14815'] });

    await nextSecond();
    const done = await asAdmin(t, 'POST', '/api/users/collector-14815/areas/move', move);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ moved: true, areas: ['14812'] });
    await nextSecond();
    const session = await signIn(t, 'collector-14815');
    expect(session.user).toEqual({ username: 'collector-14815', role: 'collector', areas: ['14812'], areaSetId: 'bim-son-2025' });

    // Records in a 2026 round on the 2025 wards, in the new ward (Ba Đình's villages included)…
    const round = await (await asAdmin(t, 'POST', '/api/rounds', round2026({ surveyVersion: 1, areaSetId: 'bim-son-2025' }))).json();
    t.clock.now = new Date('2026-11-20T03:00:00Z');
    const put = (body: ReturnType<typeof responseBody>) =>
      t.app.request(`/api/responses/${randomUUID()}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put(responseBody({ roundId: round.id, wardCode: '14812', villageCode: '14812-khu-pho-1' }))).status).toBe(201);
    // …but 14812 read in the 2020 set is Ba Đình, which the collector never had: no 2024 (2020-set) records there.
    expect((await put(responseBody({ wardCode: '14812', villageCode: '14812-khu-pho-1' }))).status).toBe(403);
  });

  it('maps the town official to both new wards, keeps the province, lists a code it cannot map, and refuses a move with nothing mapped', async () => {
    const t = await createTestApp();
    const res = await asAdmin(t, 'POST', '/api/users/official/areas/move?dryRun=1', { areas: ['381', '38', 'nowhere'], toSetId: 'bim-son-2025' });
    expect(await res.json()).toMatchObject({
      codes: [
        { from: '381', to: ['14812', '14818'] },
        { from: '38', to: ['38'] },
        { from: 'nowhere', to: [] },
      ],
      areas: ['14812', '14818', '38'],
      unmapped: ['nowhere'],
    });
    const none = await asAdmin(t, 'POST', '/api/users/official/areas/move', { areas: ['nowhere'], toSetId: 'bim-son-2025' });
    expect(none.status).toBe(400);
    expect((await asAdmin(t, 'POST', '/api/users/official/areas/move', { areas: ['381'], toSetId: 'nowhere' })).status).toBe(404);
    expect((await asAdmin(t, 'POST', '/api/users/official/areas/move', { areas: ['381'], toSetId: 'bim-son-2020', fromSetId: 'bim-son-2025' })).status).toBe(
      400,
    );
    const official = await t.tokenFor('official');
    const byOfficial = await t.app.request('/api/users/official/areas/move', {
      method: 'POST',
      headers: { authorization: `Bearer ${official}`, 'content-type': 'application/json' },
      body: JSON.stringify({ areas: ['381'], toSetId: 'bim-son-2025' }),
    });
    expect(byOfficial.status).toBe(403);
  });
});
