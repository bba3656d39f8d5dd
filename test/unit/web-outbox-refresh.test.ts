// The collector's outbox with the real API client: an expired token is renewed and the household uploaded; a
// refused renewal keeps the household on the phone and asks for a sign-in, losing nothing.
import 'fake-indexeddb/auto';
import type { ResponseBody } from '@shared/survey/schema';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const server = vi.hoisted(() => ({ renewal: 'fresh' as string, puts: [] as string[] }));
vi.mock('../../web/src/lib/platform/api', async (original) => {
  const actual = await original<typeof import('../../web/src/lib/platform/api')>();
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = (async (url: RequestInfo | URL, init: RequestInit = {}) => {
    if (String(url) === '/api/session/refresh') {
      return server.renewal === 'refuse'
        ? json({ error: { code: 'session_ended', message: 'ended' } }, 401)
        : json({ token: server.renewal, user: { username: 'c1', role: 'collector', areas: ['14815'] } });
    }
    const auth = (init.headers as Record<string, string>).Authorization;
    server.puts.push(auth);
    if (auth !== 'Bearer fresh') return json({ error: { code: 'unauthorized', message: 'expired' } }, 401);
    return json({ id: String(url).split('/').pop(), version: 1 }, 201);
  }) as typeof globalThis.fetch;
  return { ...actual, api: actual.createApiClient({ token: () => 'expired', lang: () => 'vi', fetch }) };
});
vi.mock('../../web/src/lib/platform/storage', async (original) => ({
  ...(await original<typeof import('../../web/src/lib/platform/storage')>()),
  loadSession: () => ({ token: 'expired', user: { username: 'c1', role: 'collector', areas: ['14815'] } }),
}));

const store = await import('../../web/src/lib/outbox/store');
const { uploadOne } = await import('../../web/src/lib/outbox/sync');
const { db } = await import('../../web/src/lib/outbox/db');

const TARGET = { roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1' };
const body = (name: string): ResponseBody => ({
  ...TARGET,
  household: { head_name: name, address: 'B', fiber_broadband: false, internet_any: false, electricity_cashless: false, business_household: false },
  members: [{ birth_year: 2014, has_ehr: true }],
});

beforeEach(async () => {
  server.puts = [];
  (await db()).clear('households');
});

describe('outbox upload with an expired token', () => {
  it('renews the token and uploads the household', async () => {
    server.renewal = 'fresh';
    const id = '00000000-0000-4000-8000-000000000001';
    await store.commitAnswers('c1', id, TARGET, body('An'));
    expect(await uploadOne('c1', id)).toBe('uploaded');
    expect(server.puts).toEqual(['Bearer expired', 'Bearer fresh']);
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'uploaded', version: 1 });
  });

  it('keeps the household and asks for a sign-in when the renewal is refused', async () => {
    server.renewal = 'refuse';
    const id = '00000000-0000-4000-8000-000000000002';
    await store.commitAnswers('c1', id, TARGET, body('Bình'));
    expect(await uploadOne('c1', id)).toBe('signin');
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'pending', body: body('Bình') });
  });
});
