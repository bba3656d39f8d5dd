// Figures an official can sign, as a property: random interleavings of collectors' visits, households' own link
// submissions, reviews, edits and deletes, through the API on the memory store, leave the ward's figures equal to
// an independent count of the stored responses that the count policy counts, with each roster household counted
// at most once. A refused write must be one of the rules (409 already answered, or a stale version).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

const WARD = '14815';
const VILLAGE = '14815-khu-pho-1';
const CODES = ['LS-001', 'LS-002', 'LS-003'];

type Op =
  | { kind: 'visit'; code: number | null; internet: boolean }
  | { kind: 'link'; code: number; internet: boolean }
  | { kind: 'review'; pick: number; state: 'approved' | 'returned' | 'rejected' | 'submitted' }
  | { kind: 'edit'; pick: number; internet: boolean }
  | { kind: 'delete'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('visit' as const), code: fc.option(fc.nat({ max: 2 }), { nil: null }), internet: fc.boolean() }),
  fc.record({ kind: fc.constant('link' as const), code: fc.nat({ max: 2 }), internet: fc.boolean() }),
  fc.record({
    kind: fc.constant('review' as const),
    pick: fc.nat(),
    state: fc.constantFrom('approved' as const, 'returned' as const, 'rejected' as const, 'submitted' as const),
  }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), internet: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

interface Listed {
  id: string;
  version: number;
  householdCode?: string;
  household: Record<string, unknown>;
  review: { state: string };
}

function client(t: TestApp) {
  const call = async (path: string, user: string, init: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}) =>
    t.app.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${await t.tokenFor(user)}`, 'content-type': 'application/json', ...init.headers },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  const live = async (): Promise<Listed[]> => {
    const res = await call(`/api/responses?roundId=cds-2024&wardCode=${WARD}&limit=200`, 'admin');
    expect(res.status).toBe(200);
    return (await res.json()).responses;
  };
  return { call, live };
}

/** The body of a household, with or without Internet (fibre only with Internet, the questionnaire's rule). */
const answers = (internet: boolean, householdCode?: string) =>
  responseBody({
    ...(householdCode ? { householdCode } : {}),
    household: { ...responseBody().household, internet_any: internet, fiber_broadband: internet },
  } as Parameters<typeof responseBody>[0]);

async function apply(t: TestApp, { call, live }: ReturnType<typeof client>, step: Op): Promise<void> {
  if (step.kind === 'visit') {
    const code = step.code === null ? undefined : CODES[step.code];
    const res = await call(`/api/responses/${randomUUID()}`, 'collector-14815', { method: 'PUT', json: answers(step.internet, code) });
    if (res.status === 409) {
      const { error } = await res.json();
      expect(error.code).toBe('household_already_answered');
      // The existing response it names is the live one of that household.
      expect((await live()).find((r) => r.id === error.existingId)?.householdCode).toBe(code);
      return;
    }
    expect(res.status).toBe(201);
    return;
  }
  if (step.kind === 'link') {
    const made = await call('/api/links', 'collector-14815', {
      method: 'POST',
      json: { roundId: 'cds-2024', wardCode: WARD, villageCode: VILLAGE, households: [{ householdCode: CODES[step.code], headName: 'Nguyễn Văn Đức' }] },
    });
    expect(made.status).toBe(201);
    const { token } = (await made.json()).links[0];
    const { household, members } = answers(step.internet);
    const res = await t.app.request(
      `/api/self/${token}`,
      { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ household, members }) },
      { requestContext: { http: { sourceIp: '198.51.100.7' } } },
    );
    if (res.status === 409) {
      expect((await res.json()).error.code).toBe('household_already_answered');
      return;
    }
    expect([200, 201]).toContain(res.status);
    return;
  }
  const responses = await live();
  if (responses.length === 0) return;
  const target = responses[step.pick % responses.length];
  if (step.kind === 'review') {
    const comment = step.state === 'returned' || step.state === 'rejected' ? 'Kiểm tra lại số điện thoại' : undefined;
    const res = await call(`/api/responses/${target.id}/review`, 'official-14815', {
      method: 'POST',
      json: { state: step.state, ...(comment ? { comment } : {}) },
      headers: { 'if-match': String(target.version) },
    });
    expect(res.status).toBe(200);
    return;
  }
  if (step.kind === 'edit') {
    const res = await call(`/api/responses/${target.id}`, 'collector-14815', {
      method: 'PUT',
      json: answers(step.internet, target.householdCode),
      headers: { 'if-match': String(target.version) },
    });
    expect(res.status).toBe(200);
    return;
  }
  const res = await call(`/api/responses/${target.id}`, 'collector-14815', { method: 'DELETE', headers: { 'if-match': String(target.version) } });
  expect(res.status).toBe(204);
}

describe('one count, review and edits together', () => {
  it('leave the figures equal to a count of what the policy counts, each household once', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), fc.constantFrom('submitted' as const, 'approved' as const), async (steps, policy) => {
        const t = await createTestApp();
        const api = client(t);
        expect((await api.call('/api/rounds/cds-2024', 'admin', { method: 'PATCH', json: { countPolicy: policy } })).status).toBe(200);
        const roster = ['ward_code,village,household_code,head_name,address', ...CODES.map((code) => `${WARD},${VILLAGE},${code},Nguyễn Văn Đức,Số 5`)].join(
          '\n',
        );
        expect((await api.call('/api/roster/import', 'admin', { method: 'POST', body: roster, headers: { 'content-type': 'text/csv' } })).status).toBe(201);
        for (const step of steps) await apply(t, api, step);

        const responses = await api.live();
        const codes = responses.flatMap((r) => (r.householdCode ? [r.householdCode] : []));
        expect(new Set(codes).size).toBe(codes.length);

        const counted = responses.filter((r) => (policy === 'approved' ? r.review.state === 'approved' : r.review.state !== 'rejected'));
        const byState = (state: string) => responses.filter((r) => r.review.state === state).length;
        await t.foldPending();
        const body = await (await api.call('/api/aggregates?roundId=cds-2024&level=ward', 'official')).json();
        const ward = body.areas.find((a: { code: string }) => a.code === WARD);
        expect(body.countPolicy).toBe(policy);
        expect(ward?.households ?? { surveyed: 0 }).toMatchObject({
          surveyed: counted.length,
          ...(ward ? { submitted: byState('submitted'), approved: byState('approved'), returned: byState('returned'), rejected: byState('rejected') } : {}),
        });
        const internet = ward?.indicators.find((i: { id: string }) => i.id === 'hh_internet');
        expect(internet?.numerator ?? 0).toBe(counted.filter((r) => r.household.internet_any === true).length);
        expect(internet?.denominator ?? 0).toBe(counted.length);
      }),
      { numRuns: 25 },
    );
  });
});
