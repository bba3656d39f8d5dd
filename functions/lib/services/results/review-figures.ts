// What review adds to the officials' figures: per area, how many households are submitted, approved, returned
// and rejected (each bucket's household counter), and under the approved policy the provisional figures (what
// the submitted policy would count) beside the confirmed ones.
import type { AggregatesResponse, AreaAggregate } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import type { Indicator } from '@shared/questionnaire/definition';
import { type CountPolicy, REVIEW_STATES, type ReviewCounts, SUBMITTED_STATES } from '@shared/review/review';
import type { AggregateRow } from '../../repo/types';
import { areaAggregate, wardTallies } from './read-aggregates';

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

/** The response with each area's review counts, and the provisional figures when the policy is `approved`. */
export function withReviewFigures(response: AggregatesResponse, { rows, tree, policy, rosterTotals, indicators }: ReviewFiguresInput): AggregatesResponse {
  const counts = wardReviewCounts(rows);
  const provisional = policy === 'approved' ? wardTallies(rows, SUBMITTED_STATES).tallies : undefined;
  const areas = response.areas.map((area): AreaAggregate => {
    const households = { ...area.households, ...areaReviewCounts(area.code, tree, counts) };
    if (!provisional) return { ...area, households };
    const all = areaAggregate(area.code, tree, provisional, rosterTotals, indicators);
    return { ...area, households, provisional: { households: { surveyed: all.households.surveyed }, members: all.members, indicators: all.indicators } };
  });
  return { ...response, countPolicy: policy, areas };
}
