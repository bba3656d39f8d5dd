// The fold's running sums: a tally in the counter's own key order is summed by position, any other (a ledger
// entry read back from the store, counted by another list) by name; both must give the sums of a plain loop.
import { BY_NAME, TallySums } from '@shared/aggregation/tally-sums';
import type { Tally } from '@shared/indicators/tally';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const KEYS = ['households', 'members', 'n_a', 'd_a', 'n_b', 'd_b'];

function plainSums(entries: { id: string; tally: Tally; sign: 1 | -1 }[]) {
  const sums = new Map<string, Tally>();
  for (const { id, tally, sign } of entries) {
    const sum = sums.get(id) ?? {};
    for (const [counter, value] of Object.entries(tally)) sum[counter] = (sum[counter] ?? 0) + sign * value;
    sums.set(id, sum);
  }
  return [...sums].flatMap(([id, sum]) => {
    const kept = Object.fromEntries(Object.entries(sum).filter(([, value]) => value !== 0));
    return Object.keys(kept).length > 0 ? [{ key: id, tally: kept }] : [];
  });
}

const counterName = fc.constantFrom(...KEYS, 'n_old', 'd_old');
const tally = fc.dictionary(counterName, fc.integer({ min: -3, max: 3 }));
const ordered = fc.tuple(...KEYS.map(() => fc.integer({ min: 0, max: 3 }))).map((values) => Object.fromEntries(KEYS.map((k, i) => [k, values[i]])));
const entry = fc.record({ id: fc.constantFrom('w1', 'w2', 'w3'), tally: fc.oneof(tally, ordered), sign: fc.constantFrom<1 | -1>(1, -1) });

describe('tally sums', () => {
  it('equal a plain loop whatever the key order or counters of each tally', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
        for (const layout of [KEYS, BY_NAME]) {
          const sums = new TallySums<string>(layout);
          for (const { id, tally, sign } of entries) sums.add(id, id, tally, sign);
          expect(sums.nonZero()).toEqual(plainSums(entries));
        }
      }),
    );
  });

  it('leaves out a key whose counters cancel', () => {
    const sums = new TallySums<string>(KEYS);
    sums.add('w1', 'w1', { households: 1, members: 2, n_a: 1 }, 1);
    sums.add('w1', 'w1', { n_a: 1, members: 2, households: 1 }, -1);
    expect(sums.nonZero()).toEqual([]);
  });
});
