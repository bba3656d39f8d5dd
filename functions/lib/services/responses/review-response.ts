// Review one household response: approve it, return it to its collector with a comment, or reject it with a
// reason. A review is a new version of the response item, written through the same conditional replace as an
// edit, so the stream folds it like an edit: its tally moves to the review state's bucket exactly once.
import type { User } from '@shared/api/contract';
import { needsComment, type Review, ReviewRequestSchema } from '@shared/review/review';
import { zodIssueToFieldIssues } from '@shared/survey/validate';
import { getOrNotFound, problem, ValidationError } from '../../errors';
import type { ResponsesRepo, StoredResponseItem } from '../../repo/types';
import { type RoundScopeDeps, roundReader } from '../rounds/round-scope';

export interface ReviewResponseInput {
  id: string;
  body: unknown;
  ifMatch?: number;
  user: User;
}

/** The ward is read in the set its round pins, by the same rule as the review list (an official never moved reads
 * a newer set through its mapping). */
export interface ReviewResponseDeps extends RoundScopeDeps {
  responses: Pick<ResponsesRepo, 'get' | 'replace'>;
  clock: () => Date;
}

/** The request's review, or a 400 naming each field (a comment is required to return or reject). */
export function parseReviewRequest(body: unknown): { state: Review['state']; comment?: string } {
  const parsed = ReviewRequestSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.flatMap((issue) => zodIssueToFieldIssues(issue, body)));
  const { state, comment } = parsed.data;
  if (needsComment(state) && !comment) throw problem.invalidField('comment', 'validation.comment_required');
  return comment ? { state, comment } : { state };
}

const sameReview = (stored: Review | undefined, wanted: { state: string; comment?: string }, by: string) =>
  stored?.state === wanted.state && (stored.comment ?? '') === (wanted.comment ?? '') && stored.by === by;

/** Reviews the response; 400 bad body, 404 unknown, 403 not the ward's official, 409 deleted or stale version. */
export async function reviewResponse(
  { id, body, ifMatch, user }: ReviewResponseInput,
  deps: ReviewResponseDeps,
): Promise<{ id: string; version: number; review: Review }> {
  const wanted = parseReviewRequest(body);
  const item = getOrNotFound(await deps.responses.get(id));
  if (!(await roundReader(user, item.roundId, deps)).mayRead(item.wardCode)) throw problem.forbidden();
  if (item.deletedAt) throw problem.deleted();
  if (ifMatch === undefined) throw problem.versionRequired(item.version);
  // A retried request whose first attempt landed: the review it asked for is stored at the next version.
  if (ifMatch === item.version - 1 && sameReview(item.review, wanted, user.username)) return { id, version: item.version, review: item.review! };
  if (ifMatch !== item.version) throw problem.versionConflict(item.version);
  const now = deps.clock().toISOString();
  const review: Review = { ...wanted, by: user.username, at: now };
  const next: StoredResponseItem = { ...item, version: item.version + 1, review, updatedBy: user.username, updatedAt: now };
  const written = await deps.responses.replace(next, item.version);
  if (written.ok) return { id, version: next.version, review };
  if (written.current?.deletedAt) throw problem.deleted();
  throw problem.versionConflict(written.current?.version ?? item.version);
}
