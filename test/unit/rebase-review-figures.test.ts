// Re-basing what review adds: households per review state and the approved policy's provisional figures, summed
// onto the new wards from the same buckets of the units (or villages) that formed them, and the short cache of
// a split ward's village counts.
import type { AreaAggregate } from '@shared/api/contract';
import type { MappingLink } from '@shared/areas/area-set';
import { type Area, AreaTree } from '@shared/areas/areas';
import type { CountingState } from '@shared/indicators/counting';
import { denominatorKey, numeratorKey, type Tally } from '@shared/indicators/tally';
import type { ReviewState } from '@shared/review/review';
import { describe, expect, it } from 'vitest';
import type { AggregateRow, StoredResponseItem } from '../../functions/lib/repo/types';
import { rebasedReviewFigures } from '../../functions/lib/services/results/review-figures';
import {
  cachedVillageTallies,
  VILLAGE_TALLY_TTL_MS,
  type VillageTalliesByState,
  villageTalliesByState,
} from '../../functions/lib/services/results/village-tallies';
import { adult, child, responseBody } from '../support/fixtures';

const FIBRE = 'hh_fiber_broadband';
const unit = (code: string, level: Area['level'], parentCode: string | null, households: number | null = null): Area => ({
  code,
  name: `U ${code}`,
  level,
  parentCode,
  households,
});
/** `households` households, `n` of `d` with fibre. */
const t = (households: number, n: number, d: number): Tally => ({ households, members: households, [numeratorKey(FIBRE)]: n, [denominatorKey(FIBRE)]: d });
const bucketOf = (state: ReviewState) => (state === 'submitted' ? {} : { bucket: state as Exclude<ReviewState, 'submitted'> });
const row = (wardCode: string, state: ReviewState, tally: Tally, slot = 0): AggregateRow => ({
  wardCode,
  ...bucketOf(state),
  slot,
  tally,
  rev: 1,
  updatedAt: '2026-11-20T08:00:00Z',
});

// Old: wards A, B, C (villages c1, c2) and E. New: X = A + B + c1, Y = c2, Z = E (no responses at all).
const OLD = new AreaTree([
  unit('P', 'province', null),
  unit('D', 'district', 'P'),
  unit('A', 'ward', 'D', 10),
  unit('B', 'ward', 'D', 20),
  unit('C', 'ward', 'D', 30),
  unit('c1', 'village', 'C'),
  unit('c2', 'village', 'C'),
  unit('E', 'ward', 'D', 40),
]);
const NEW = new AreaTree([
  unit('P', 'province', null),
  unit('X', 'ward', 'P'),
  unit('Y', 'ward', 'P'),
  unit('Z', 'ward', 'P'),
  unit('x-c1', 'village', 'X'),
  unit('y-c2', 'village', 'Y'),
]);
const LINKS: MappingLink[] = [
  { from: 'A', to: 'X' },
  { from: 'B', to: 'X' },
  { from: 'c1', to: 'x-c1' },
  { from: 'c2', to: 'y-c2' },
  { from: 'E', to: 'Z' },
];
const ROWS: AggregateRow[] = [
  row('A', 'submitted', t(1, 1, 1)),
  row('A', 'submitted', t(1, 0, 1), 1),
  row('A', 'approved', t(1, 1, 1)),
  row('A', 'rejected', t(1, 0, 1)),
  row('B', 'returned', t(1, 0, 1)),
  // The split ward's own rows: its villages' counts stand in for them, so these must count nowhere.
  row('C', 'submitted', t(2, 2, 2)),
  row('C', 'approved', t(1, 1, 1)),
  row('C', 'returned', t(1, 1, 1)),
  row('C', 'rejected', t(1, 1, 1)),
];
const VILLAGES: VillageTalliesByState = new Map([
  ['submitted', new Map([['c2', t(2, 2, 2)]])],
  ['approved', new Map([['c1', t(1, 1, 1)]])],
  ['returned', new Map([['c1', t(1, 1, 1)]])],
  ['rejected', new Map([['c2', t(1, 1, 1)]])],
]);
const TOTALS = new Map([
  ['A', 10],
  ['B', 20],
  ['C', 30],
  ['E', 40],
]);

const figuresOf = (policy: 'submitted' | 'approved') =>
  rebasedReviewFigures({ links: LINKS, oldTree: OLD, newTree: NEW, totals: TOTALS, rows: ROWS, villages: VILLAGES, policy });
const fibre = (area: Pick<AreaAggregate, 'indicators'> | undefined) => {
  const found = area?.indicators.find((i) => i.id === FIBRE);
  return found && [found.numerator, found.denominator];
};

describe('re-basing the review state counts', () => {
  it('sums each state over merged wards and split villages, the split ward’s own rows left out', () => {
    const { areaOf } = figuresOf('submitted');
    expect(areaOf('X').households).toEqual({ surveyed: 6, total: null, submitted: 2, approved: 2, returned: 2, rejected: 1 });
    expect(areaOf('Y').households).toEqual({ surveyed: 2, total: null, submitted: 2, approved: 0, returned: 0, rejected: 1 });
    expect(areaOf('P').households).toEqual({ surveyed: 8, total: null, submitted: 4, approved: 2, returned: 2, rejected: 2 });
  });

  it('gives a unit with no responses zero in every state, its total still known', () => {
    for (const policy of ['submitted', 'approved'] as const) {
      const z = figuresOf(policy).areaOf('Z');
      expect(z.households).toEqual({ surveyed: 0, total: 40, submitted: 0, approved: 0, returned: 0, rejected: 0 });
      expect(fibre(z)).toEqual([0, 0]);
      expect(z.provisional === undefined).toBe(policy === 'submitted');
    }
  });

  it('counts all but rejected under the submitted policy, with no provisional block', () => {
    const { areaOf } = figuresOf('submitted');
    expect(fibre(areaOf('X'))).toEqual([1 + 1 + 1 + 1, 6]);
    expect(fibre(areaOf('Y'))).toEqual([2, 2]);
    expect(areaOf('X').provisional).toBeUndefined();
  });

  it('counts only approved under the approved policy, and gives what the submitted policy counts as provisional', () => {
    const { areaOf } = figuresOf('approved');
    const x = areaOf('X');
    expect(x.households).toMatchObject({ surveyed: 2, submitted: 2, approved: 2, returned: 2, rejected: 1 });
    expect(fibre(x)).toEqual([2, 2]);
    expect(x.provisional?.households.surveyed).toBe(6);
    expect(fibre(x.provisional)).toEqual([4, 6]);
    // A ward with only waiting and rejected households: nothing confirmed yet, the provisional figures beside.
    const y = areaOf('Y');
    expect(y.households.surveyed).toBe(0);
    expect(fibre(y)).toEqual([0, 0]);
    expect(y.indicators.find((i) => i.id === FIBRE)?.percent).toBeNull();
    expect(fibre(y.provisional)).toEqual([2, 2]);
    // The provisional figures equal the submitted policy's own.
    expect(x.provisional?.indicators).toEqual(figuresOf('submitted').areaOf('X').indicators);
  });

  it('sums merged wards’ totals and notes nothing where the mapping is whole', () => {
    const { tree, notes } = figuresOf('submitted');
    expect(tree.get('Z')?.households).toBe(40);
    expect(notes.size).toBe(0);
  });
});

const stored = (id: string, villageCode: string, state: ReviewState | undefined, deletedAt?: string): StoredResponseItem =>
  ({
    ...responseBody({ wardCode: 'C', villageCode, members: [adult(), child()] }),
    id,
    version: 1,
    referenceYear: 2024,
    ...(state ? { review: { state } } : {}),
    ...(deletedAt ? { deletedAt } : {}),
  }) as StoredResponseItem;

function villageDeps(items: StoredResponseItem[], cache?: ReturnType<typeof cachedVillageTallies>) {
  const reads = { count: 0 };
  const deps = {
    responses: {
      async *listAllInWard(_round: string, ward: string) {
        reads.count++;
        yield* items.filter((item) => item.wardCode === ward);
      },
    },
    countings: { get: async () => generation.state },
    villageTallyCache: cache,
  };
  const generation: { state: CountingState | undefined } = { state: undefined };
  return { deps, reads, generation };
}

describe('village tallies per review state', () => {
  it('counts every state apart in one pass over the responses, deleted ones left out', async () => {
    const items = [
      stored('1', 'c1', undefined),
      stored('2', 'c1', 'approved'),
      stored('3', 'c1', 'returned'),
      stored('4', 'c2', 'rejected'),
      stored('5', 'c2', 'submitted'),
      stored('6', 'c2', 'approved', '2026-11-20T08:00:00Z'),
    ];
    const { deps, reads } = villageDeps(items);
    const byState = await villageTalliesByState('cds-2024', ['C'], deps, 'approved');
    expect(reads.count).toBe(1);
    const households = (state: ReviewState) => Object.fromEntries([...(byState.get(state) ?? [])].map(([code, tally]) => [code, tally.households]));
    expect(households('submitted')).toEqual({ c1: 1, c2: 1 });
    expect(households('approved')).toEqual({ c1: 1 });
    expect(households('returned')).toEqual({ c1: 1 });
    expect(households('rejected')).toEqual({ c2: 1 });
  });

  it('keeps counts for a short while per round, wards, live generation and policy', async () => {
    const clock = { now: new Date('2026-11-24T08:00:00Z') };
    const cache = cachedVillageTallies(() => clock.now);
    const items = [stored('1', 'c1', undefined)];
    const { deps, reads } = villageDeps(items, cache);
    const first = await villageTalliesByState('cds-2024', ['C'], deps, 'submitted');
    items.push(stored('2', 'c1', 'approved'));
    // Within the cache's time: the same counts, not read again (a polling page).
    expect(await villageTalliesByState('cds-2024', ['C'], deps, 'submitted')).toBe(first);
    expect(reads.count).toBe(1);
    // A policy change or other wards: counted afresh.
    await villageTalliesByState('cds-2024', ['C'], deps, 'approved');
    expect(reads.count).toBe(2);
    // After the cache's time the new response shows.
    clock.now = new Date(clock.now.getTime() + VILLAGE_TALLY_TTL_MS);
    const later = await villageTalliesByState('cds-2024', ['C'], deps, 'submitted');
    expect(reads.count).toBe(3);
    expect(later.get('approved')?.get('c1')?.households).toBe(1);
    expect(VILLAGE_TALLY_TTL_MS).toBeLessThanOrEqual(15_000);
  });

  it('counts afresh when a recompute goes live (a new generation), and shares one count between concurrent requests', async () => {
    const clock = { now: new Date('2026-11-24T08:00:00Z') };
    const { deps, reads, generation } = villageDeps(
      [stored('1', 'c1', undefined)],
      cachedVillageTallies(() => clock.now),
    );
    await Promise.all([villageTalliesByState('cds-2024', ['C'], deps), villageTalliesByState('cds-2024', ['C'], deps)]);
    expect(reads.count).toBe(1);
    // Only what the count reads of a counting state: the questions and the live generation's list.
    generation.state = { questions: { household: [], members: [] }, live: { generation: 2, counted: [] } } as unknown as CountingState;
    await villageTalliesByState('cds-2024', ['C'], deps);
    expect(reads.count).toBe(2);
  });

  it('does not keep a failed count', async () => {
    const clock = { now: new Date('2026-11-24T08:00:00Z') };
    const cache = cachedVillageTallies(() => clock.now);
    let calls = 0;
    const failing = async (): Promise<VillageTalliesByState> => {
      calls++;
      throw new Error('throttled');
    };
    await expect(cache('k', failing)).rejects.toThrow('throttled');
    await expect(cache('k', failing)).rejects.toThrow('throttled');
    expect(calls).toBe(2);
  });
});
