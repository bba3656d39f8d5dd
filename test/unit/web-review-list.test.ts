// The review page's list logic: filters, moving with j/k, what opens after an action, who reviews which wards,
// and the provisional rows of the results.
import type { AreaAggregate, StoredResponse } from '@shared/api/contract';
import { describe, expect, it } from 'vitest';
import { filterResponses, nextAfterAction, provisionalRows, reviewableWards, stepFrom } from '../../web/src/lib/officials/review-list';
import { SMALL_AREAS } from '../support/fold-harness';

const response = (id: string, villageCode: string, state?: 'approved' | 'returned' | 'rejected'): StoredResponse =>
  ({ id, villageCode, wardCode: villageCode.slice(0, 2), ...(state ? { review: { state } } : {}) }) as StoredResponse;

const list = [response('a', 'W1-v1'), response('b', 'W1-v1', 'approved'), response('c', 'W1-v2'), response('d', 'W1-v2', 'returned')];

describe('review list', () => {
  it('filters by state (absent review = submitted) and village', () => {
    expect(filterResponses(list, { state: 'submitted', villageCode: 'all' }).map((r) => r.id)).toEqual(['a', 'c']);
    expect(filterResponses(list, { state: 'all', villageCode: 'W1-v2' }).map((r) => r.id)).toEqual(['c', 'd']);
    expect(filterResponses(list, { state: 'returned', villageCode: 'W1-v1' })).toEqual([]);
  });

  it('steps within the shown list, clamped at both ends', () => {
    expect(stepFrom(list, 'a', 1)).toBe('b');
    expect(stepFrom(list, 'd', 1)).toBe('d');
    expect(stepFrom(list, 'a', -1)).toBe('a');
    expect(stepFrom(list, 'gone', 1)).toBe('a');
    expect(stepFrom([], 'a', 1)).toBeUndefined();
  });

  it('opens the next household still shown after an action, else the previous one', () => {
    const before = filterResponses(list, { state: 'submitted', villageCode: 'all' });
    const afterA = filterResponses([response('a', 'W1-v1', 'approved'), ...list.slice(1)], { state: 'submitted', villageCode: 'all' });
    expect(nextAfterAction(before, afterA, 'a')).toBe('c');
    expect(nextAfterAction(before, [before[0]], 'c')).toBe('a');
    expect(nextAfterAction(before, [], 'a')).toBeUndefined();
    // With the filter on "all" the household stays listed; the one before it opens since none comes after.
    expect(nextAfterAction(list, list, 'd')).toBe('c');
  });

  it('gives admins every ward and officials those within their areas; collectors none', () => {
    expect(reviewableWards({ username: 'a', role: 'admin', areas: [] }, SMALL_AREAS).map((w) => w.code)).toEqual(['W1', 'W2', 'W3']);
    expect(reviewableWards({ username: 'o', role: 'official', areas: ['D1'] }, SMALL_AREAS).map((w) => w.code)).toEqual(['W1', 'W2']);
    expect(reviewableWards({ username: 'c', role: 'collector', areas: ['W1'] }, SMALL_AREAS)).toEqual([]);
  });

  it('puts the provisional figures in place of the confirmed ones', () => {
    const row = {
      code: 'W1',
      name: 'W1',
      level: 'ward',
      households: { surveyed: 1, total: 10, approved: 1, submitted: 2, returned: 0, rejected: 0 },
      members: 2,
      indicators: [],
      provisional: { households: { surveyed: 3 }, members: 7, indicators: [{ id: 'x', numerator: 1, denominator: 3, percent: 33.3, target: null, met: null }] },
    } as AreaAggregate;
    const [shown] = provisionalRows([row]);
    expect(shown).toEqual({
      ...row,
      provisional: undefined,
      households: { ...row.households, surveyed: 3 },
      members: 7,
      indicators: row.provisional!.indicators,
    });
    expect('provisional' in shown).toBe(false);
  });
});
