// `npm start -- --persist <dir>`: a second start over the same folder finds the data, the demo users as an admin
// left them (no second seeding), a self-report link and a session made in the first run still working, and the
// key files readable by their owner only.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINK_KEY_FILE, TOKEN_KEY_FILE } from '../../infra/local/local-keys';
import { startLocalStack } from '../../infra/local/stack';
import { responseBody } from '../support/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'phieu-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function signIn(url: string, username: string) {
  const res = await fetch(`${url}/api/session`, { method: 'POST', body: JSON.stringify({ username, password: 'bimson2024' }) });
  return {
    status: res.status,
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
    token: res.status === 200 ? ((await res.json()).token as string) : '',
  };
}
const call = (url: string, path: string, token: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

describe('npm start --persist', () => {
  it('keeps data, links, sessions and admin changes across a restart, with 0600 key files', async () => {
    const id = randomUUID();
    const first = await startLocalStack({ persistDir: dir });
    let collector: Awaited<ReturnType<typeof signIn>>;
    let linkToken: string;
    try {
      collector = await signIn(first.url, 'collector-14815');
      expect(collector.status).toBe(200);
      expect((await call(first.url, `/api/responses/${id}`, collector.token, { method: 'PUT', body: JSON.stringify(responseBody()) })).status).toBe(201);
      const links = await call(first.url, '/api/links', collector.token, {
        method: 'POST',
        body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1', count: 1 }),
      });
      expect(links.status).toBe(201);
      linkToken = (await links.json()).links[0].token;
      const admin = await signIn(first.url, 'admin');
      expect((await call(first.url, '/api/users/collector-14809', admin.token, { method: 'DELETE' })).status).toBe(204);
    } finally {
      await first.stop();
    }
    for (const file of [LINK_KEY_FILE, TOKEN_KEY_FILE]) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);

    const second = await startLocalStack({ persistDir: dir });
    try {
      // The data.
      const stored = await call(second.url, `/api/responses/${id}`, collector.token);
      expect(stored.status).toBe(200);
      expect((await stored.json()).id).toBe(id);
      // The link made in the first run.
      expect((await fetch(`${second.url}/api/self/${encodeURIComponent(linkToken)}`)).status).toBe(200);
      // The session: its ID token and its refresh credential.
      const refreshed = await fetch(`${second.url}/api/session/refresh`, { method: 'POST', headers: { cookie: collector.cookie } });
      expect(refreshed.status).toBe(200);
      expect((await refreshed.json()).user.username).toBe('collector-14815');
      // Seeded once: the removed demo user stays removed.
      expect((await signIn(second.url, 'collector-14809')).status).toBe(401);
      expect((await signIn(second.url, 'official')).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
