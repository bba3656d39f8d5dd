// Contract cases of households' claims, history and duplicate decisions, run inside the repository contract
// (memory fake and DynamoDB Local): one live response per roster household, whatever the order of writes.
import { describe, expect, it } from 'vitest';
import type { Repository, StoredResponseItem } from '../../functions/lib/repo/types';
import { adult } from '../support/fixtures';

function item(id: string, householdCode?: string, overrides: Partial<StoredResponseItem> = {}): StoredResponseItem {
  return {
    id,
    roundId: 'claims-round',
    wardCode: '14815',
    villageCode: '14815-khu-pho-1',
    ...(householdCode ? { householdCode } : {}),
    version: 1,
    referenceYear: 2024,
    household: { head_name: 'Chủ hộ', address: 'Số 1', internet_any: true, fiber_broadband: true, electricity_cashless: false, business_household: false },
    members: [adult()],
    channel: 'collector',
    bodyHash: `h-${id}`,
    createdBy: 'c',
    createdAt: '2026-11-24T08:00:00.000Z',
    updatedBy: 'c',
    updatedAt: '2026-11-24T08:00:00.000Z',
    ...overrides,
  };
}

export function describeClaimsContract(repo: () => Repository): void {
  describe('household claims', () => {
    it('lets one response claim a household; a second is refused naming the first, a replay of the first is refused as itself', async () => {
      const code = `H-${Math.random().toString(36).slice(2)}`;
      expect(await repo().responses.create(item('c1', code))).toEqual({ ok: true });
      expect(await repo().responses.create(item('c2', code))).toEqual({ ok: false, current: undefined, claimedBy: 'c1' });
      const replay = await repo().responses.create(item('c1', code));
      expect(replay.ok).toBe(false);
      expect(replay.ok === false && replay.current?.id).toBe('c1');
      expect(await repo().responses.get('c2')).toBeUndefined();
      expect(await repo().responses.claimOf(item('x', code))).toBe('c1');
    });

    it('lets exactly one of concurrent creates of a household land', async () => {
      const code = `H-${Math.random().toString(36).slice(2)}`;
      const results = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((id) => repo().responses.create(item(id, code))));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    it('releases the claim with the tombstone, and moves it when an edit changes the household', async () => {
      const [a, b] = [`H-${Math.random().toString(36).slice(2)}`, `H-${Math.random().toString(36).slice(2)}`];
      await repo().responses.create(item('m1', a));
      const moved = item('m1', b, { version: 2 });
      expect(await repo().responses.replace(moved, 1, item('m1', a))).toEqual({ ok: true });
      expect(await repo().responses.claimOf(item('x', a))).toBeUndefined();
      expect(await repo().responses.claimOf(item('x', b))).toBe('m1');
      await repo().responses.create(item('m2', a));
      expect(await repo().responses.replace(item('m2', b, { version: 2 }), 1, item('m2', a))).toEqual({ ok: false, current: undefined, claimedBy: 'm1' });
      expect(await repo().responses.markDeleted({ ...moved, version: 3, deletedAt: 'x' }, 2)).toEqual({ ok: true });
      expect(await repo().responses.claimOf(item('x', b))).toBeUndefined();
      expect((await repo().responses.create(item('m3', b))).ok).toBe(true);
    });
  });

  describe('history and duplicate decisions', () => {
    it('appends each entry once and lists a response’s entries in key order', async () => {
      const entry = (version: number, action: 'create' | 'edit') => ({
        responseId: 'h1',
        key: String(version).padStart(9, '0'),
        version,
        at: 'x',
        by: 'c',
        action,
        changes: [],
      });
      await repo().history.append([entry(2, 'edit'), entry(1, 'create')]);
      await repo().history.append([{ ...entry(1, 'create'), by: 'someone else' }]);
      const listed = await repo().history.list('h1');
      expect(listed.map((e) => [e.version, e.by])).toEqual([
        [1, 'c'],
        [2, 'c'],
      ]);
      expect(await repo().history.list('none')).toEqual([]);
    });

    it('keeps the pairs marked as two households per round and ward', async () => {
      await repo().duplicates.putKept({ roundId: 'r', wardCode: 'w', pair: 'a#b', by: 'o', at: 't' });
      expect(await repo().duplicates.listKept('r', 'w')).toEqual([{ roundId: 'r', wardCode: 'w', pair: 'a#b', by: 'o', at: 't' }]);
      expect(await repo().duplicates.listKept('r', 'other')).toEqual([]);
    });
  });
}
