// Rounds and questionnaires as data on DynamoDB Local, over HTTP: an admin publishes household-dx v2 (one added
// question) and creates the 2026 round on it; a collector records a household with the new answer; the raw
// export has the new column.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack';
import { responseBody } from '../support/fixtures';
import { ADDED_QUESTION, householdDxV2, round2026 } from '../support/survey-fixtures';

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

describe('the 2026 round without a developer, on DynamoDB Local', () => {
  it('publishes a new version, creates a round on it, takes a household with the added question and exports it', async () => {
    expect((await call('/api/surveys', 'admin', { method: 'POST', body: JSON.stringify(householdDxV2()) })).status).toBe(201);
    expect((await call('/api/surveys/household-dx/2/publish', 'admin', { method: 'POST' })).status).toBe(200);
    expect((await call('/api/surveys', 'admin', { method: 'POST', body: JSON.stringify(householdDxV2()) })).status).toBe(409);

    const created = await call('/api/rounds', 'admin', { method: 'POST', body: JSON.stringify(round2026()) });
    expect(created.status).toBe(201);
    const round = await created.json();
    expect(round).toMatchObject({ surveyVersion: 2, referenceYear: 2026, status: 'open' });

    const body = { ...responseBody({ roundId: round.id }), household: { ...responseBody().household, [ADDED_QUESTION]: false } };
    expect((await call(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(201);

    const csv = await call(`/api/exports/responses.csv?roundId=${round.id}&shape=wide`, 'admin');
    expect(csv.status).toBe(200);
    const rows: Record<string, string>[] = parse(await csv.text(), { bom: true, columns: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]![ADDED_QUESTION]).toBe('0');
  });
});
