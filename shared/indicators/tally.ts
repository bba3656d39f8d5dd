// What one household response contributes to its ward's indicator counts, and how counts add up.
// A Tally is a flat map of counters so that it maps onto DynamoDB ADD updates one-to-one.

import { ageInReferenceYear } from '../survey/relevance';
import type { Household, Member } from '../survey/schema';
import { INDICATORS, type Indicator } from './catalogue';

/** Counters: `households`, `members`, and per indicator `n_<id>` (numerator) and `d_<id>` (denominator). */
export type Tally = Record<string, number>;

export const numeratorKey = (indicatorId: string) => `n_${indicatorId}`;
export const denominatorKey = (indicatorId: string) => `d_${indicatorId}`;

/** Every counter name, in a stable order. */
export const TALLY_KEYS: readonly string[] = ['households', 'members', ...INDICATORS.flatMap((i) => [numeratorKey(i.id), denominatorKey(i.id)])];

export interface CountableResponse {
  referenceYear: number;
  household: Household;
  members: Member[];
}

// Each call clones one zeroed tally in TALLY_KEYS order, so every tally has the same shape and V8 keeps it
// in fast mode; keys added one by one would turn it into a hash map, several times slower for the fold
// that builds and sums tens of thousands of tallies a second.
const ZERO_TALLY: Tally = Object.fromEntries(TALLY_KEYS.map((key) => [key, 0]));
const COUNTER_KEYS = new Map(INDICATORS.map((indicator) => [indicator, [numeratorKey(indicator.id), denominatorKey(indicator.id)] as const]));

/** The counts one household adds to its ward. Members not asked a question do not count for it. */
export function tallyOf(response: CountableResponse, indicators: readonly Indicator[] = INDICATORS): Tally {
  const { members } = response;
  const tally: Tally = indicators === INDICATORS ? { ...ZERO_TALLY } : {};
  tally.households = 1;
  tally.members = members.length;
  const household = response.household as Record<string, unknown>;
  const ages = members.map((m) => ageInReferenceYear(m.birth_year, response.referenceYear));
  for (const indicator of indicators) {
    let numerator = 0;
    let denominator = 0;
    if (indicator.unit === 'household') {
      const inPopulation = indicator.population === 'all' || household[indicator.population] === true;
      const answer = household[indicator.numerator];
      if (inPopulation && typeof answer === 'boolean') {
        denominator = 1;
        numerator = answer ? 1 : 0;
      }
    } else {
      for (let index = 0; index < members.length; index += 1) {
        const answer = (members[index] as Record<string, unknown>)[indicator.numerator];
        if (ages[index] >= indicator.min_age && typeof answer === 'boolean') {
          denominator += 1;
          if (answer) numerator += 1;
        }
      }
    }
    const [n, d] = COUNTER_KEYS.get(indicator) ?? [numeratorKey(indicator.id), denominatorKey(indicator.id)];
    tally[n] = numerator;
    tally[d] = denominator;
  }
  return tally;
}

export function emptyTally(): Tally {
  return {};
}

/** a + sign·b, dropping zero counters so that stored deltas stay small. */
export function addTally(a: Tally, b: Tally, sign: 1 | -1 = 1): Tally {
  const sum: Tally = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const next = (sum[key] ?? 0) + sign * value;
    if (next === 0) delete sum[key];
    else sum[key] = next;
  }
  return sum;
}

/**
 * Adds sign·b to `into` in place and returns it. Zero counters stay (a missing counter equals zero everywhere
 * tallies are read), so summing hundreds of wards allocates nothing per ward.
 */
export function addTallyInto(into: Tally, b: Tally, sign: 1 | -1 = 1): Tally {
  for (const key in b) into[key] = (into[key] ?? 0) + sign * b[key];
  return into;
}

/** A tally with every known counter at zero, in TALLY_KEYS order (one shape, which V8 keeps in fast mode). */
export function zeroTally(): Tally {
  return { ...ZERO_TALLY };
}

export function isZeroTally(tally: Tally): boolean {
  return Object.values(tally).every((v) => v === 0);
}

/** Equal as counts: a missing counter equals zero. */
export function tallyEquals(a: Tally, b: Tally): boolean {
  return isZeroTally(addTally(a, b, -1));
}

export function sumTallies(tallies: Iterable<Tally>): Tally {
  let sum: Tally = {};
  for (const tally of tallies) sum = addTally(sum, tally);
  return sum;
}
