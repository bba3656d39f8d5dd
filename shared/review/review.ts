// Review of household responses: the states a response moves through once submitted, which of them a round's
// count policy counts, and the aggregate bucket each state is tallied in. Pure; the API, the fold and the web app
// read the same rules.
import * as z from 'zod/mini';

export const REVIEW_STATES = ['submitted', 'approved', 'returned', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const ReviewStateSchema = z.enum(REVIEW_STATES);

/** A response's review as stored and answered: absent on responses written before review existed (= submitted). */
export const ReviewSchema = z.object({
  state: ReviewStateSchema,
  comment: z.optional(z.string()),
  by: z.optional(z.string()),
  at: z.optional(z.string()),
});
export type Review = z.infer<typeof ReviewSchema>;

/** `POST /api/responses/{id}/review`: a comment is required to return or reject (the collector must know why). */
export const ReviewRequestSchema = z.strictObject({
  /** `submitted` takes a review back (an approval made by mistake). */
  state: ReviewStateSchema,
  comment: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
});
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

/** States whose request needs a reason. */
export const needsComment = (state: ReviewState) => state === 'returned' || state === 'rejected';

/**
 * The bucket a reviewed response is tallied in; undefined for `submitted`, whose rows keep the keys they had
 * before review existed (no migration).
 */
export type ReviewBucket = Exclude<ReviewState, 'submitted'>;

export const reviewStateOf = (review: { state: ReviewState } | undefined): ReviewState => review?.state ?? 'submitted';

/** A round's count policy (the contract's `countPolicy`). */
export type CountPolicy = 'submitted' | 'approved';

/** What the submitted policy (and the approved policy's provisional view) counts: everything but rejected. */
export const SUBMITTED_STATES: readonly ReviewState[] = ['submitted', 'returned', 'approved'];
/** What the approved policy counts as confirmed. */
export const APPROVED_STATES: readonly ReviewState[] = ['approved'];

/** The states a policy counts in the official figures. */
export const countedStates = (policy: CountPolicy | undefined): readonly ReviewState[] => (policy === 'approved' ? APPROVED_STATES : SUBMITTED_STATES);

/** Household counts per review state, as `/api/aggregates` gives them beside `surveyed` and `total`. */
export type ReviewCounts = Record<ReviewState, number>;
