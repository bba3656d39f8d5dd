// Two phones send the same edit with the same If-Match at the same moment: both read version 1, one writes
// version 2, the other's conditional write fails. It finds its own body stored and answers 200, not a 409.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adult, child, responseBody } from '../support/fixtures';
import { createTestApp } from '../support/test-app';

describe('identical concurrent edits', () => {
  it('answer 200 with the same version, and one write', async () => {
    const t = await createTestApp();
    const token = await t.tokenFor('collector-14815');
    const put = (id: string, body: unknown, ifMatch?: number) =>
      t.app.request(`/api/responses/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(ifMatch ? { 'if-match': String(ifMatch) } : {}) },
        body: JSON.stringify(body),
      });
    const id = randomUUID();
    expect((await put(id, responseBody())).status).toBe(201);

    // Both requests read the stored version before either writes.
    const { get } = t.repo.responses;
    let arrived = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    t.repo.responses.get = async (key) => {
      const item = await get(key);
      arrived += 1;
      if (arrived === 2) release();
      await bothRead;
      return item;
    };
    const edit = responseBody({ members: [adult(), child(), child(2020)] });
    const writes = t.repo.changes.length;
    const [a, b] = await Promise.all([put(id, edit, 1), put(id, edit, 1)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.json()).toEqual({ id, version: 2 });
    expect(await b.json()).toEqual({ id, version: 2 });
    expect(t.repo.changes.length).toBe(writes + 1);

    // A different edit racing the same way is still a conflict.
    arrived = 0;
    const again = new Promise<void>((resolve) => (release = resolve));
    t.repo.responses.get = async (key) => {
      const item = await get(key);
      arrived += 1;
      if (arrived === 2) release();
      await again;
      return item;
    };
    const [c, d] = await Promise.all([put(id, responseBody({ members: [adult()] }), 2), put(id, responseBody({ members: [adult(), child(2015)] }), 2)]);
    expect([c.status, d.status].sort()).toEqual([200, 409]);
  });
});
