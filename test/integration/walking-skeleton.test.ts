// PUT → DynamoDB Local → stream poller → the real stream handler → GET /api/aggregates, over HTTP.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack';
import { adult, child, responseBody } from '../support/fixtures';

let stack: LocalStack;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startLocalStack();
  for (const username of ['collector-14815', 'official']) {
    const res = await fetch(`${stack.url}/api/session`, { method: 'POST', body: JSON.stringify({ username, password: 'bimson2024' }) });
    tokens[username] = (await res.json()).token;
  }
});
afterAll(async () => stack?.stop());

const call = (path: string, username: string, init: RequestInit = {}) =>
  fetch(`${stack.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${tokens[username]}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

async function lamSon(indicatorId: string) {
  await stack.poller.idle();
  const { areas } = await (await call('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json();
  const ward = areas.find((a: { code: string }) => a.code === '14815');
  return { households: ward.households.surveyed, ...ward.indicators.find((i: { id: string }) => i.id === indicatorId) };
}

describe('from a collector PUT to the ward percentage, on DynamoDB Local', () => {
  it('folds a create, an edit and a delete into the percentages', async () => {
    const id = randomUUID();
    const created = await call(`/api/responses/${id}`, 'collector-14815', {
      method: 'PUT',
      body: JSON.stringify(responseBody({ members: [adult(), adult({ has_smartphone: false }), child()] })),
    });
    expect(created.status).toBe(201);
    expect(await lamSon('adult_smartphone')).toMatchObject({ households: 1, numerator: 1, denominator: 2, percent: 50 });

    const replay = await call(`/api/responses/${id}`, 'collector-14815', {
      method: 'PUT',
      body: JSON.stringify(responseBody({ members: [adult(), adult({ has_smartphone: false }), child()] })),
    });
    expect(replay.status).toBe(200);
    expect(await lamSon('adult_smartphone')).toMatchObject({ households: 1, numerator: 1, denominator: 2 });

    const edited = await call(`/api/responses/${id}`, 'collector-14815', {
      method: 'PUT',
      headers: { 'if-match': '1' },
      body: JSON.stringify(responseBody({ members: [adult(), adult()] })),
    });
    expect(edited.status).toBe(200);
    expect(await lamSon('adult_smartphone')).toMatchObject({ households: 1, numerator: 2, denominator: 2, percent: 100, met: true });

    const deleted = await call(`/api/responses/${id}`, 'collector-14815', { method: 'DELETE', headers: { 'if-match': '2' } });
    expect(deleted.status).toBe(204);
    expect(await lamSon('adult_smartphone')).toMatchObject({ households: 0, numerator: 0, denominator: 0, percent: null });
  });

  it('writes nothing for a rejected body', async () => {
    const id = randomUUID();
    const res = await call(`/api/responses/${id}`, 'collector-14815', {
      method: 'PUT',
      body: JSON.stringify(responseBody({ members: [child(2014, { has_vneid_level2: true })] })),
    });
    expect(res.status).toBe(400);
    expect(await stack.repo.responses.get(id)).toBeUndefined();
  });
});
