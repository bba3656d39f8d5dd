// Indicators as data on DynamoDB Local, over HTTP with the real stream poller and the recompute job: an admin
// adds a compound indicator to a round that has households, and within seconds the officials' figures carry it,
// exact, while the households stay counted once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack';
import { adult, child, responseBody } from '../support/fixtures';
import { round2026 } from '../support/survey-fixtures';

let stack: LocalStack;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startLocalStack();
  for (const username of ['admin', 'collector-14815']) {
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

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('an indicator added to a round with households, on DynamoDB Local', () => {
  it('is recomputed in the background and then shown exact', async () => {
    const created = await call('/api/rounds', 'admin', { method: 'POST', body: JSON.stringify({ ...round2026(), surveyVersion: 1 }) });
    expect(created.status).toBe(201);
    const round = (await created.json()).id as string;
    const bodies = [
      responseBody({ roundId: round, members: [adult(), adult({ name: 'Lê Văn C', cashless_essential: false }), child()] }),
      responseBody({ roundId: round, members: [adult()] }),
    ];
    for (const body of bodies)
      expect((await call(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(201);
    const figures = () => call(`/api/aggregates?roundId=${round}&level=ward`, 'admin').then((res) => res.json());
    await eventually(figures, (f) => f.areas.find((a: { code: string }) => a.code === '14815').households.surveyed === 2);

    const list = (await (await call(`/api/rounds/${round}/indicators`, 'admin')).json()).indicators;
    const added = {
      id: 'pop_smartphone_cashless',
      unit: 'person',
      population: { q: 'age', gte: 15 },
      numerator: {
        all: [
          { q: 'has_smartphone', eq: true },
          { q: 'cashless_essential', eq: true },
        ],
      },
      label: { vi: 'Tỷ lệ người từ 15 tuổi có điện thoại thông minh và thanh toán không dùng tiền mặt', en: 'People 15+ with a smartphone paying cashless' },
      target: 0.6,
    };
    const saved = await call(`/api/rounds/${round}/indicators`, 'admin', { method: 'PUT', body: JSON.stringify({ indicators: [...list, added] }) });
    expect(saved.status).toBe(200);
    expect((await saved.json()).recompute).toMatchObject({ state: 'running' });

    const after = await eventually(figures, (f) => f.recompute === null);
    expect(after.recompute).toBeNull();
    const lamSon = after.areas.find((a: { code: string }) => a.code === '14815');
    expect(lamSon.households.surveyed).toBe(2);
    expect(lamSon.indicators.find((i: { id: string }) => i.id === added.id)).toEqual({
      id: added.id,
      numerator: 2,
      denominator: 3,
      percent: 66.7,
      target: 60,
      met: true,
    });
  });
});
