// Crafted input never ends in a 500: each of these got a 4xx (and wrote nothing), where some were 500s before.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { adult, responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let token: string;
let official: string;

beforeAll(async () => {
  t = await createTestApp();
  token = await t.tokenFor('collector-14815');
  official = await t.tokenFor('official');
});

const auth = () => ({ authorization: `Bearer ${token}` });
const get = (path: string) => t.app.request(path, { headers: auth() });
const put = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  t.app.request(`/api/responses/${randomUUID()}`, {
    method: 'PUT',
    headers: { ...auth(), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const KB = 'x'.repeat(1024);
let nested: unknown = {};
for (let depth = 0; depth < 2000; depth += 1) nested = { household: nested };
const forgedCursor = Buffer.from(JSON.stringify({ roundWard: 'cds-2024#14815', villageSort: { S: KB }, id: 'x' })).toString('base64url');

const CASES: [string, () => Response | Promise<Response>, number][] = [
  ['a crafted cursor', () => get(`/api/responses?roundId=cds-2024&wardCode=14815&cursor=${forgedCursor}`), 400],
  ['a 1 KB roundId', () => get(`/api/responses?roundId=${KB}&wardCode=14815`), 400],
  ['a 1 KB wardCode', () => get(`/api/responses?roundId=cds-2024&wardCode=${KB}`), 400],
  ['a control character in a name', () => put(responseBody({ household: { ...responseBody().household, head_name: 'Nguyễn\u0007Văn A' } })), 400],
  ['a lone surrogate in an address', () => put(responseBody({ household: { ...responseBody().household, address: 'Số 5 \uD800 Khu phố 1' } })), 400],
  ['a bidi override in a member name', () => put(responseBody({ members: [adult({ name: 'Trần \u202EB\u202C' })] })), 400],
  ['a huge number', () => put(responseBody({ members: [adult({ birth_year: 1e308 })] })), 400],
  ['deeply nested JSON', () => put(nested), 400],
  ['a form post instead of JSON', () => put('roundId=cds-2024', { 'content-type': 'application/x-www-form-urlencoded' }), 415],
  ['an array instead of an object', () => put([responseBody()]), 400],
  ['a 1 KB roundId in a body', () => put(responseBody({ roundId: KB })), 400],
  ['a 1 KB roundId on the aggregates', () => t.app.request(`/api/aggregates?roundId=${KB}`, { headers: { authorization: `Bearer ${official}` } }), 400],
];

describe('hostile input', () => {
  it.each(CASES)('%s is a 4xx with an error body, writing nothing', async (_name, send, status) => {
    const writes = t.repo.changes.length;
    const res = await send();
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(t.repo.changes.length).toBe(writes);
  });

  it('names the field of unsafe text, with a message', async () => {
    const res = await put(responseBody({ household: { ...responseBody().household, head_name: 'A\u2066B' } }));
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'household.head_name', message: expect.stringMatching(/ký tự/) }] } });
  });

  it('stores text NFC-normalised', async () => {
    const id = randomUUID();
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n A'; // "Nguyễn Văn A" typed with combining marks
    const res = await t.app.request(`/api/responses/${id}`, {
      method: 'PUT',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify(responseBody({ household: { ...responseBody().household, head_name: decomposed } })),
    });
    expect(res.status).toBe(201);
    expect(t.repo.responseItems.get(id)?.household.head_name).toBe('Nguyễn Văn A');
  });

  it('accepts only cursors it signed, for the same query', async () => {
    for (let i = 0; i < 3; i += 1) expect((await put(responseBody())).status).toBe(201);
    const first = await (await get('/api/responses?roundId=cds-2024&wardCode=14815&limit=2')).json();
    expect(first.cursor).toEqual(expect.any(String));
    expect((await get(`/api/responses?roundId=cds-2024&wardCode=14815&limit=2&cursor=${first.cursor}`)).status).toBe(200);
    // The same cursor for another village, or altered by one character, is refused.
    const other = await get(`/api/responses?roundId=cds-2024&wardCode=14815&villageCode=14815-khu-pho-1&limit=2&cursor=${first.cursor}`);
    expect(other.status).toBe(400);
    const altered = `${first.cursor.slice(0, -1)}${first.cursor.endsWith('A') ? 'B' : 'A'}`;
    expect((await get(`/api/responses?roundId=cds-2024&wardCode=14815&limit=2&cursor=${altered}`)).status).toBe(400);
  });

  it('answers a DynamoDB ValidationException with 400, not 500', async () => {
    const original = t.repo.responses.listByWard;
    t.repo.responses.listByWard = async () => {
      throw Object.assign(new Error('One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit'), {
        name: 'ValidationException',
        $fault: 'client',
      });
    };
    try {
      const res = await get('/api/responses?roundId=cds-2024&wardCode=14815');
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
    } finally {
      t.repo.responses.listByWard = original;
    }
  });
});
