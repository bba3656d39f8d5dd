// Running sums of tallies per aggregate key, as the fold adds and subtracts them.
//
// A tally is an object of named counters because that is what the ledger stores and DynamoDB adds. Summing
// objects key by key, though, costs a keyed store per counter into an object found by name: with 30 indicators
// (62 counters) that was most of the fold's time. So sums are arrays in the counter's key order. A tally the
// counter made has its keys in that order (each is a clone of the counter's zero), so walking it with for-in
// (which V8 serves from the object's own key cache) meets key i at position i: adding it is a loop over numbers.
// A tally in another order (a ledger entry read back from the store) is added by name. Sums become objects
// again only at the end, one per key of the plan.
import type { Tally } from '../indicators/tally';

interface Sum<K> {
  key: K;
  values: number[];
  /** Counters outside `keys` (a ledger entry counted by another list): summed by name. */
  extra: Tally | undefined;
}

export class TallySums<K> {
  private readonly sums = new Map<string, Sum<K>>();
  private readonly index: Map<string, number>;

  /** `keys`: a counter's zero tally's keys, the order of every tally it makes (none: all summed by name). */
  constructor(private readonly keys: readonly string[]) {
    this.index = new Map(keys.map((key, i) => [key, i]));
  }

  get size(): number {
    return this.sums.size;
  }

  has(id: string): boolean {
    return this.sums.has(id);
  }

  /** Adds sign·tally to the sum of `key` (known by `id`). */
  add(id: string, key: K, tally: Tally, sign: 1 | -1): void {
    let sum = this.sums.get(id);
    if (!sum) {
      sum = { key, values: new Array<number>(this.keys.length).fill(0), extra: undefined };
      this.sums.set(id, sum);
    }
    const { keys } = this;
    const sums = sum.values;
    let position = 0;
    for (const counter in tally) {
      const i = keys[position] === counter ? position : this.index.get(counter);
      position += 1;
      if (i !== undefined) sums[i] += sign * tally[counter];
      else {
        sum.extra ??= {};
        sum.extra[counter] = (sum.extra[counter] ?? 0) + sign * tally[counter];
      }
    }
  }

  /** The sums as tallies without their zero counters, leaving out sums that are all zero. */
  nonZero(): { key: K; tally: Tally }[] {
    const { keys } = this;
    const out: { key: K; tally: Tally }[] = [];
    for (const { key, values, extra } of this.sums.values()) {
      const tally: Tally = {};
      let counted = false;
      for (let i = 0; i < values.length; i += 1) {
        if (values[i] === 0) continue;
        tally[keys[i]] = values[i];
        counted = true;
      }
      if (extra) {
        for (const counter in extra) {
          if (extra[counter] === 0) continue;
          tally[counter] = extra[counter];
          counted = true;
        }
      }
      if (counted) out.push({ key, tally });
    }
    return out;
  }
}

/** No known keys: every tally is summed by name (one response's deltas, a plan being split). */
export const BY_NAME: readonly string[] = [];
