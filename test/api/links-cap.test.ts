// A village holds at most 2,000 active self-report links per round: past that, a clear 409 naming the cap;
// revoking makes room again.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app';

const VILLAGE = '14815-khu-pho-1';

describe('cap on active links per village', () => {
  it('refuses links past 2,000 active ones with 409 too_many_links, writing none', async () => {
    const t = await createTestApp();
    const token = await t.tokenFor('collector-14815');
    const make = (count: number) =>
      t.app.request('/api/links', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, count }),
      });
    let first: { token: string } | undefined;
    for (let i = 0; i < 10; i += 1) {
      const res = await make(200);
      expect(res.status).toBe(201);
      first ??= (await res.json()).links[0];
    }
    const refused = await make(1);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_links', maxActiveLinks: 2000, activeLinks: 2000 } });
    expect(t.repo.linkItems.size).toBe(2000);

    const revoked = await t.app.request(`/api/links/${first!.token}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(204);
    expect((await make(1)).status).toBe(201);
  });
});
