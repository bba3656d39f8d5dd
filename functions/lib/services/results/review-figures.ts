// What review adds to the officials' figures: per area, how many households are submitted, approved, returned
// and rejected (each bucket's household counter), and under the approved policy the provisional figures (what
// the submitted policy would count) beside the confirmed ones. The same from the round's rows (its own areas)
// and from counters kept per state (figures re-based onto another area set).
import type { AggregatesResponse, AreaAggregate } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { type RebaseInput, type RebaseNote, rebaseTallies } from '@shared/indicators/rebase';
import { addTallyInto, type Tally } from '@shared/indicators/tally';
import type { Indicator } from '@shared/questionnaire/definition';
import { type CountPolicy, countedStates, REVIEW_STATES, type ReviewCounts, type ReviewState, SUBMITTED_STATES } from '@shared/review/review';
import type { AggregateRow } from '../../repo/types';
import { areaAggregate, wardTallies } from './read-aggregates';

/** Per review state, per unit (ward or village): the summed counters of that state's responses. */
export type TalliesByState = ReadonlyMap<ReviewState, ReadonlyMap<string, Tally>>;

const noCounts = (): ReviewCounts => ({ submitted: 0, approved: 0, returned: 0, rejected: 0 });

/** Households per review state per ward, from the `households` counter of each bucket's rows. */
export function wardReviewCounts(rows: readonly AggregateRow[]): Map<string, ReviewCounts> {
  const counts = new Map<string, ReviewCounts>();
  for (const row of rows) {
    let ward = counts.get(row.wardCode);
    if (!ward) {
      ward = noCounts();
      counts.set(row.wardCode, ward);
    }
    ward[row.bucket ?? 'submitted'] += row.tally.households ?? 0;
  }
  return counts;
}

/** Per review state, per ward: the round's rows summed over slots, one pass (a bucket is a state). */
export function wardTalliesByState(rows: readonly AggregateRow[]): Map<ReviewState, Map<string, Tally>> {
  const out = new Map<ReviewState, Map<string, Tally>>(REVIEW_STATES.map((state) => [state, new Map()]));
  for (const row of rows) {
    const wards = out.get(row.bucket ?? 'submitted')!;
    const sum = wards.get(row.wardCode);
    if (sum) addTallyInto(sum, row.tally);
    else wards.set(row.wardCode, addTallyInto({}, row.tally));
  }
  return out;
}

/** Households per review state per unit, from the `households` counter of each state's tallies. */
export function reviewCountsOf(byState: TalliesByState): Map<string, ReviewCounts> {
  const counts = new Map<string, ReviewCounts>();
  for (const [state, tallies] of byState)
    for (const [code, tally] of tallies) {
      const unit = counts.get(code) ?? noCounts();
      unit[state] += tally.households ?? 0;
      counts.set(code, unit);
    }
  return counts;
}

/** Per unit, the sum of its counters over `states` (new objects: the inputs are left as they are). */
export function sumOfStates(byState: TalliesByState, states: readonly ReviewState[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const state of states)
    for (const [code, tally] of byState.get(state) ?? []) {
      const sum = out.get(code);
      if (sum) addTallyInto(sum, tally);
      else out.set(code, addTallyInto({}, tally));
    }
  return out;
}

/** The counts of an area: the sum over its wards. */
export function areaReviewCounts(code: string, tree: AreaTree, counts: ReadonlyMap<string, ReviewCounts>): ReviewCounts {
  const sum = noCounts();
  for (const ward of tree.wardsWithin(code)) {
    const found = counts.get(ward.code);
    if (found) for (const state of REVIEW_STATES) sum[state] += found[state];
  }
  return sum;
}

export interface ReviewFiguresInput {
  rows: readonly AggregateRow[];
  tree: AreaTree;
  policy: CountPolicy;
  rosterTotals: ReadonlyMap<string, number>;
  indicators?: readonly Indicator[];
}

/** The per-ward sums review adds, from the round's rows: counts per state, and under `approved` the provisional tallies. */
export function reviewFiguresOf({ rows, ...rest }: ReviewFiguresInput): StateFiguresInput {
  const counts = wardReviewCounts(rows);
  const provisional = rest.policy === 'approved' ? wardTallies(rows, SUBMITTED_STATES).tallies : undefined;
  return { ...rest, counts, provisional };
}

export interface StateFiguresInput extends Omit<ReviewFiguresInput, 'rows'> {
  /** Households per review state per ward of `tree`. */
  counts: ReadonlyMap<string, ReviewCounts>;
  /** Per ward of `tree`, what the submitted policy counts; given under the approved policy. */
  provisional?: ReadonlyMap<string, Tally>;
}

/** The response with each area's review counts, and the provisional figures when the policy is `approved`. */
export function withStateFigures(response: AggregatesResponse, input: StateFiguresInput): AggregatesResponse {
  return { ...response, countPolicy: input.policy, areas: response.areas.map((area) => withAreaStateFigures(area, input)) };
}

function withAreaStateFigures(area: AreaAggregate, { tree, rosterTotals, indicators, counts, provisional }: StateFiguresInput): AreaAggregate {
  const households = { ...area.households, ...areaReviewCounts(area.code, tree, counts) };
  if (!provisional) return { ...area, households };
  const all = areaAggregate(area.code, tree, provisional, rosterTotals, indicators);
  return { ...area, households, provisional: { households: { surveyed: all.households.surveyed }, members: all.members, indicators: all.indicators } };
}

export interface RebasedReviewInput extends Omit<RebaseInput, 'tallies'> {
  /** The round's aggregate rows, every bucket. */
  rows: readonly AggregateRow[];
  /** Per state, per village of the old wards the mapping splits by villages (village-tallies.ts). */
  villages: TalliesByState;
  policy: CountPolicy;
  indicators?: readonly Indicator[];
}

export interface RebasedReviewFigures {
  /** The new set's tree, its wards' household totals summed from the old units'. */
  tree: AreaTree;
  notes: Map<string, RebaseNote[]>;
  /** An area of the new set: its counted figures, households per state and (approved policy) provisional ones. */
  areaOf(code: string): AreaAggregate;
}

/** Joins a review state and a counter's key into one key of a combined tally. */
const STATE_KEY = '\u0000';

/**
 * A round's figures re-based onto another set with what review adds, exactly as in the round's own view: the
 * counted, state and provisional figures are sums over states of the same units' re-based counters. One
 * re-basing serves every state (a province's tree is large to build): each unit's counters of all states go
 * in one tally under keys prefixed by their state, and come out apart per new ward, the sums being linear.
 */
export function rebasedReviewFigures({ rows, villages, policy, indicators, ...mapping }: RebasedReviewInput): RebasedReviewFigures {
  const combined = new Map<string, Tally>();
  for (const [state, tallies] of [...wardTalliesByState(rows), ...villages])
    for (const [code, tally] of tallies) {
      const into = combined.get(code) ?? {};
      for (const key in tally) into[state + STATE_KEY + key] = (into[state + STATE_KEY + key] ?? 0) + tally[key]!;
      combined.set(code, into);
    }
  const { tree, notes, tallies } = rebaseTallies({ ...mapping, tallies: combined });
  const byState = new Map<ReviewState, Map<string, Tally>>(REVIEW_STATES.map((state) => [state, new Map()]));
  for (const [ward, tally] of tallies)
    for (const joined in tally) {
      const [state, key] = joined.split(STATE_KEY) as [ReviewState, string];
      const wards = byState.get(state)!;
      const sum = wards.get(ward) ?? {};
      sum[key] = tally[joined]!;
      wards.set(ward, sum);
    }
  const counted = sumOfStates(byState, countedStates(policy));
  const figures: StateFiguresInput = {
    tree,
    policy,
    // The new tree's wards carry their totals (sums of the old wards' rosters or statistics).
    rosterTotals: new Map(),
    indicators,
    counts: reviewCountsOf(byState),
    provisional: policy === 'approved' ? sumOfStates(byState, SUBMITTED_STATES) : undefined,
  };
  return { tree, notes, areaOf: (code) => withAreaStateFigures(areaAggregate(code, tree, counted, new Map(), indicators), figures) };
}
