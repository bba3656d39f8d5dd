// The indicator-list parts of `npm run bench:aggregate`: the pure fold with a 30-indicator list (compound
// conditions, both units), and a recompute job over a round of generated households on DynamoDB Local.
import { randomUUID } from 'node:crypto';
import { counterFor } from '@shared/aggregation/counter';
import { type ChangeRecord, type LedgerEntry, planFold, splitPlan } from '@shared/aggregation/fold';
import type { Condition, Indicator } from '@shared/questionnaire/definition';
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire/household-dx-v1';
import { MAX_TRANSACTION_ACTIONS } from '../../functions/lib/repo/aggregates-repo';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { startLocalStack } from '../../infra/local/stack';

const yes = (q: string): Condition => ({ q, eq: true });
const label = (n: number) => ({ vi: `Chỉ tiêu thử ${n}`, en: `Bench indicator ${n}` });
const MEMBER = ['has_smartphone', 'cashless_essential', 'has_payment_account', 'has_vneid_level2', 'has_ehr', 'has_digital_signature'];
const HOUSEHOLD = ['internet_any', 'fiber_broadband', 'electricity_cashless', 'business_household'];

/** household-dx v1's own list plus compound ones up to `size`. */
export function benchIndicators(size = 30): Indicator[] {
  const list: Indicator[] = [...HOUSEHOLD_DX_V1.indicators];
  for (let n = 0; list.length < size; n += 1) {
    const a = MEMBER[n % MEMBER.length];
    const b = MEMBER[(n + 2) % MEMBER.length];
    const h = HOUSEHOLD[n % HOUSEHOLD.length];
    list.push(
      n % 3 === 2
        ? {
            id: `bench_h${n}`,
            unit: 'household',
            population: yes(h),
            numerator: { any: [yes(HOUSEHOLD[(n + 1) % 4]), { not: yes(HOUSEHOLD[(n + 2) % 4]) }] },
            label: label(n),
            target: 0.5,
          }
        : {
            id: `bench_p${n}`,
            unit: 'person',
            population: {
              all: [
                { q: 'age', gte: n % 2 ? 15 : 18 },
                { q: 'age', lt: 80 },
              ],
            },
            numerator: { all: [yes(a), { any: [yes(b), yes(h)] }] },
            label: label(n),
            target: null,
          },
    );
  }
  return list;
}

/** Records per second through planFold + splitPlan with a 30-indicator list (median of five runs, one core). */
export function benchListFold(records: readonly ChangeRecord[]): number {
  const counter = counterFor(HOUSEHOLD_DX_V1, benchIndicators(30));
  const ledger = new Map<string, LedgerEntry>();
  const run = () => {
    ledger.clear();
    for (let start = 0; start < records.length; start += 50) {
      const plan = planFold(records.slice(start, start + 50), ledger, counter);
      splitPlan(plan, MAX_TRANSACTION_ACTIONS);
      for (const update of plan.ledgerUpdates) ledger.set(update.next.responseId, update.next);
    }
  };
  run();
  const rates: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    run();
    rates.push(records.length / ((performance.now() - started) / 1000));
  }
  return rates.sort((a, b) => a - b)[2];
}

export interface RecomputeBench {
  households: number;
  seconds: number;
  perSecond: number;
  /** Seconds since the save, and households processed then, as GET /api/rounds/{id}/indicators told it. */
  progress: { at: number; processed: number; total: number | null }[];
}

/**
 * A round of `households` generated responses on DynamoDB Local (written straight to the table, folded by the
 * stream), then an admin adds a compound indicator through the API: the time until the new list is live.
 */
export async function benchRecompute(households: number, items: (roundId: string, count: number) => StoredResponseItem[]): Promise<RecomputeBench> {
  const stack = await startLocalStack({});
  try {
    const session = await (
      await fetch(`${stack.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      })
    ).json();
    const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    const created = await fetch(`${stack.url}/api/rounds`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: `Bench ${randomUUID().slice(0, 4)}`,
        surveyId: HOUSEHOLD_DX_V1.id,
        surveyVersion: HOUSEHOLD_DX_V1.version,
        areaSetId: 'bim-son-2020',
        referenceDate: '2026-06-30',
        opensAt: '2026-01-01T00:00:00Z',
        closesAt: '2027-01-01T00:00:00Z',
      }),
    });
    if (created.status !== 201) throw new Error(`POST /api/rounds answered ${created.status}: ${await created.text()}`);
    const round = (await created.json()).id as string;
    const all = items(round, households);
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < all.length) await stack.repo.responses.create(all[next++]);
      }),
    );
    await stack.poller.idle();
    const list = (await (await fetch(`${stack.url}/api/rounds/${round}/indicators`, { headers })).json()).indicators as Indicator[];
    const added: Indicator = {
      id: 'pop_smartphone_cashless',
      unit: 'person',
      population: { q: 'age', gte: 15 },
      numerator: { all: [yes('has_smartphone'), yes('cashless_essential')] },
      label: { vi: 'Tỷ lệ người từ 15 tuổi có điện thoại thông minh và thanh toán không dùng tiền mặt', en: 'People 15+ with a smartphone paying cashless' },
      target: 0.6,
    };
    const started = performance.now();
    const saved = await fetch(`${stack.url}/api/rounds/${round}/indicators`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ indicators: [...list, added] }),
    });
    if (saved.status !== 200) throw new Error(`PUT indicators answered ${saved.status}: ${await saved.text()}`);
    const progress: RecomputeBench['progress'] = [];
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const { recompute } = await (await fetch(`${stack.url}/api/rounds/${round}/indicators`, { headers })).json();
      const at = (performance.now() - started) / 1000;
      if (!recompute) break;
      if (recompute.state === 'failed') throw new Error(`recompute failed: ${recompute.error}`);
      progress.push({ at, processed: recompute.processed, total: recompute.total });
    }
    const seconds = (performance.now() - started) / 1000;
    return { households, seconds, perSecond: households / seconds, progress };
  } finally {
    await stack.stop();
  }
}
