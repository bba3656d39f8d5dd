// Re-basing on DynamoDB Local, over HTTP: households of the 2024 round recorded on the seven former units, the
// stream folds them, and the round's figures on the 2025 wards equal the sums taken directly from the responses.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack';
import { adult, child, responseBody } from '../support/fixtures';

let stack: LocalStack;
const tokens: Record<string, string> = {};
const USERS = ['official', 'collector-14815', 'collector-14821', 'collector-14809', 'collector-14824'];

beforeAll(async () => {
  stack = await startLocalStack();
  for (const username of USERS) {
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

type Area = {
  code: string;
  households: { surveyed: number };
  indicators: { id: string; numerator: number; denominator: number }[];
  notes?: { units: string[] }[];
};

describe('the 2024 round on the 2025 wards, on DynamoDB Local', () => {
  it('sums each new ward exactly from the responses of the units that formed it, with Hà Vinh noted', async () => {
    const households = [
      { ward: '14815', village: '14815-khu-pho-1', members: [adult(), child()] },
      { ward: '14815', village: '14815-khu-pho-2', members: [adult({ has_smartphone: false })] },
      { ward: '14821', village: '14821-doai-thon', members: [adult(), adult({ has_ehr: false })] },
      { ward: '14809', village: '14809-khu-pho-2', members: [adult()] },
      { ward: '14824', village: '14824-thon-1', members: [adult({ has_smartphone: false }), child()] },
    ];
    for (const h of households) {
      const body = responseBody({ wardCode: h.ward, villageCode: h.village, members: h.members });
      const res = await call(`/api/responses/${randomUUID()}`, `collector-${h.ward}`, { method: 'PUT', body: JSON.stringify(body) });
      expect(res.status).toBe(201);
    }
    await stack.poller.idle();
    const old = (await (await call('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json()).areas as Area[];
    const res = await call('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-2025', 'official');
    expect(res.status).toBe(200);
    const areas = (await res.json()).areas as Area[];
    const formedFrom: Record<string, string[]> = { '14812': ['14821', '14815', '14812'], '14818': ['14809', '14818', '14823', '14824'] };
    for (const area of areas) {
      const from = formedFrom[area.code]!;
      // Households surveyed straight from what was recorded.
      expect(area.households.surveyed).toBe(households.filter((h) => from.includes(h.ward)).length);
      for (const indicator of area.indicators) {
        const parts = old.filter((a) => from.includes(a.code)).map((a) => a.indicators.find((i) => i.id === indicator.id)!);
        expect([indicator.numerator, indicator.denominator]).toEqual([
          parts.reduce((s, p) => s + p.numerator, 0),
          parts.reduce((s, p) => s + p.denominator, 0),
        ]);
      }
    }
    expect(areas.map((a) => [a.code, a.households.surveyed])).toEqual([
      ['14812', 3],
      ['14818', 2],
    ]);
    expect(areas[0]!.notes?.[0]?.units).toEqual(['15277']);
  });
});
