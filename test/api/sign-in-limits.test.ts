// Guessing passwords: failures are counted per username and per address in the repository, each failure past a
// few free ones must wait a doubling delay (429 + Retry-After), the right password included.
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const signIn = (username: string, password: string) =>
  t.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
const later = (seconds: number) => {
  t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
};

describe('POST /api/session under guessing', () => {
  it('refuses a burst of 150 wrong passwords with 429s, and then the right one too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 150; i += 1) statuses.push((await signIn('admin', `guess-${i}`)).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(145);
    const right = await signIn('admin', TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await right.json()).toMatchObject({ error: { code: 'too_many_requests' } });
  });

  it('makes each further failure wait twice as long, and lets the right password in after the wait', async () => {
    for (let i = 0; i < 5; i += 1) expect((await signIn('collector-14815', 'wrong')).status).toBe(401);
    const first = await signIn('collector-14815', 'wrong');
    expect(first.status).toBe(429);
    const wait1 = Number(first.headers.get('retry-after'));
    later(wait1);
    expect((await signIn('collector-14815', 'wrong')).status).toBe(401);
    const second = await signIn('collector-14815', 'wrong');
    const wait2 = Number(second.headers.get('retry-after'));
    expect(wait2).toBe(wait1 * 2);
    later(wait2);
    expect((await signIn('collector-14815', TEST_PASSWORD)).status).toBe(200);
    // A success forgets the username's count.
    expect((await signIn('collector-14815', 'wrong')).status).toBe(401);
  });

  it('forgets the failures after the window', async () => {
    for (let i = 0; i < 8; i += 1) await signIn('official', 'wrong');
    expect((await signIn('official', TEST_PASSWORD)).status).toBe(429);
    later(2 * 60 * 60);
    expect((await signIn('official', TEST_PASSWORD)).status).toBe(200);
  });

  it('limits one address trying many usernames', async () => {
    for (let i = 0; i < 20; i += 1) expect((await signIn(`nobody-${i}`, 'wrong')).status).toBe(401);
    expect((await signIn('collector-14809', TEST_PASSWORD)).status).toBe(429);
  });

  it('counts one username whatever its case', async () => {
    for (let i = 0; i < 5; i += 1) await signIn(i % 2 ? 'ADMIN' : 'admin', 'wrong');
    expect((await signIn('Admin', 'wrong')).status).toBe(429);
  });
});
