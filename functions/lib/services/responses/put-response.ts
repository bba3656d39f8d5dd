// Create or replace one household response: validation, scope, idempotent replays and versions.
import { createHash } from 'node:crypto';
import type { User } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { validateAnswers } from '@shared/questionnaire/validate-answers';
import { pinnedRound } from '@shared/rounds/round';
import { canonicalJson } from '@shared/survey/canonical-json';
import type { ResponseBody } from '@shared/survey/schema';
import { zodIssueToFieldIssues } from '@shared/survey/validate';
import * as z from 'zod/mini';
import { assertVillageOfWard, canWorkInWard } from '../../access/scope';
import { pendingIssues, problem, ValidationError } from '../../errors';
import type { ReferenceRepo, ResponsesRepo, StoredResponseItem } from '../../repo/types';
import { correctionOf, requireRound } from '../rounds/require-round';
import { compiledRoundDefinition } from '../rounds/round-definition';
import type { PublishedDefinitions } from '../surveys/published-definitions';

/**
 * Who writes: a signed-in user (scope from their areas) or a self-report link (fixed to its ward and village).
 * `name` is recorded as createdBy / updatedBy.
 */
export interface PutActor {
  name: string;
  mayWrite(target: { wardCode: string; villageCode: string }, tree: AreaTree): boolean;
  /** An admin: may still correct (edit or delete, with a reason) the responses of a round that is not open. */
  corrects?: boolean;
}

/** A collector or admin: any village of a ward within their areas. */
export function userActor(user: User): PutActor {
  return { name: user.username, mayWrite: ({ wardCode }, tree) => canWorkInWard(user, wardCode, tree), corrects: user.role === 'admin' };
}

export interface PutResponseInput {
  id: string;
  body: unknown;
  /** The If-Match version, when the client sent one. */
  ifMatch?: number;
  actor: PutActor;
  channel: StoredResponseItem['channel'];
  /** Why an admin corrects a round that is no longer open (required then, ignored otherwise). */
  reason?: string;
}

export interface PutResponseDeps {
  responses: ResponsesRepo;
  reference: ReferenceRepo;
  /** The tree of an area set; a round's villages and scopes are read in the set it pins. */
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
  clock: () => Date;
  definitions: PublishedDefinitions;
}

export interface PutResponseResult {
  id: string;
  version: number;
  created: boolean;
}

/** Stable hash of the validated body: key order and whitespace never make a replay look new. */
export function bodyHashOf(body: ResponseBody): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

/** Where the response belongs: the body's fields around the answers, which the round's questionnaire checks. */
const EnvelopeSchema = z.object({
  roundId: z.string().check(z.minLength(1), z.maxLength(64)),
  wardCode: z.string().check(z.minLength(1), z.maxLength(32)),
  villageCode: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The household's code in the ward's roster, when the collector picked it from there (or a named link set it). */
  householdCode: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
});
const ENVELOPE_KEYS = ['roundId', 'wardCode', 'villageCode', 'householdCode'];

/** Issues of answers that are well-formed but break the questionnaire's relevance or rules (judged after scope). */
const RULE_KEYS = new Set(['validation.required_when_relevant', 'validation.not_asked_under_age', 'questionnaire.not_relevant', 'questionnaire.rule']);

/**
 * Validates a body fully: where it belongs, its round, its answers' shape against the round's questionnaire
 * version, the actor's scope, then the questionnaire's relevance and rules at the round's reference year.
 */
export async function validatePut(input: PutResponseInput, deps: PutResponseDeps) {
  const parsed = EnvelopeSchema.safeParse(input.body);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.flatMap((issue) => zodIssueToFieldIssues(issue, input.body)));
  const envelope = parsed.data;
  const round = pinnedRound(await requireRound(deps.reference, envelope.roundId));
  const definition = await compiledRoundDefinition(round, deps.definitions);
  const answers = validateAnswers(definition, input.body, { referenceYear: round.referenceYear, allowKeys: ENVELOPE_KEYS });
  const shapeIssues = answers.ok ? [] : answers.issues.filter((issue) => !RULE_KEYS.has(issue.key));
  if (shapeIssues.length > 0) throw new ValidationError(pendingIssues(shapeIssues));
  const tree = await deps.areaTree(round.areaSetId);
  assertVillageOfWard(tree, () => input.actor.mayWrite(envelope, tree), envelope.wardCode, envelope.villageCode);
  if (!answers.ok) throw new ValidationError(pendingIssues(answers.issues));
  const correction = correctionOf(round, deps.clock(), input.actor, input.reason);
  // Answers are stored as the questionnaire normalised them; the v1 fold reads them with v1's types.
  const body = { ...envelope, ...answers.value } as ResponseBody;
  return { body, round, tree, correction };
}

export async function putResponse(input: PutResponseInput, deps: PutResponseDeps): Promise<PutResponseResult> {
  const { body, round, tree, correction } = await validatePut(input, deps);
  const bodyHash = bodyHashOf(body);
  const now = deps.clock().toISOString();
  // Without If-Match the upload is most likely a new household: write first (one round trip), and a refused
  // create hands back what is stored (a replay or an edit without If-Match). With If-Match, read then replace.
  // A correction of a closed round only edits: it reads first, so it never creates.
  let existing = input.ifMatch === undefined && !correction ? undefined : await deps.responses.get(input.id);

  if (!existing) {
    if (correction) throw problem.roundClosed();
    if (input.ifMatch !== undefined) throw problem.notFound();
    const item: StoredResponseItem = {
      id: input.id,
      ...body,
      version: 1,
      referenceYear: round.referenceYear,
      channel: input.channel,
      bodyHash,
      createdBy: input.actor.name,
      createdAt: now,
      updatedBy: input.actor.name,
      updatedAt: now,
    };
    const created = await deps.responses.create(item);
    if (created.ok) return { id: input.id, version: 1, created: true };
    if (created.claimedBy) throw problem.householdAnswered(created.claimedBy, body.householdCode ?? '');
    // The id is taken (a retried upload, an edit without If-Match, a concurrent upload): answer as for what is stored.
    if (!created.current) throw new Error(`create of ${input.id} refused with no stored response`);
    existing = created.current;
  }

  if (existing.deletedAt) throw problem.deleted();
  if (!input.actor.mayWrite(existing, tree)) throw problem.forbidden();
  // A replay of what is stored (a retried upload, create or edit) changes nothing and answers the same; but a
  // returned household saved as it is, at its current version, is its collector sending it back for review.
  if (existing.bodyHash === bodyHash && !resubmits(existing, input.ifMatch)) return { id: input.id, version: existing.version, created: false };
  if (existing.roundId !== body.roundId) throw problem.invalidField('roundId', 'validation.round_change');
  if (input.ifMatch === undefined) throw problem.versionRequired(existing.version);
  if (input.ifMatch !== existing.version) throw problem.versionConflict(existing.version);

  const next: StoredResponseItem = {
    ...existing,
    ...body,
    // A household code taken off the answers is gone from the response too (and its claim released).
    householdCode: body.householdCode,
    version: existing.version + 1,
    referenceYear: round.referenceYear,
    bodyHash,
    updatedBy: input.actor.name,
    updatedAt: now,
    ...resubmitted(existing),
    ...(correction ? { changeReason: { reason: input.reason!.trim(), version: existing.version + 1 } } : {}),
  };
  // `existing` names the household it claimed: the claim moves when the edit changed the household.
  const replaced = await deps.responses.replace(next, existing.version, existing);
  if (replaced.ok) return { id: input.id, version: next.version, created: false };
  if (replaced.claimedBy) throw problem.householdAnswered(replaced.claimedBy, body.householdCode ?? '');
  if (replaced.current?.deletedAt) throw problem.deleted();
  // Two phones sent the same edit with the same If-Match: the one that lost the race finds its own body stored.
  if (replaced.current?.bodyHash === bodyHash) return { id: input.id, version: replaced.current.version, created: false };
  throw problem.versionConflict(replaced.current?.version ?? existing.version);
}

/** Whether a save of the stored answers, unchanged, at the stored version, sends a returned household back for review. */
const resubmits = (existing: StoredResponseItem, ifMatch: number | undefined) => existing.review?.state === 'returned' && ifMatch === existing.version;

/**
 * The review of an edited response: any edit of a reviewed one (returned, and approved or rejected answers that
 * changed) goes back to `submitted`, since what was judged is no longer what is stored.
 */
function resubmitted(existing: StoredResponseItem): Pick<StoredResponseItem, 'review'> {
  return existing.review && existing.review.state !== 'submitted' ? { review: { state: 'submitted' } } : {};
}
