// Shapes of the public HTTP contract (../shared/API.md) as zod schemas: the API builds these,
// the web client parses with them.
import * as z from 'zod/mini';
import { AreaSchema } from '../areas/areas';
import { IndicatorSchema } from '../questionnaire/definition';
import { ReviewSchema } from '../review/review';
import { HouseholdSchema, MemberSchema } from '../survey/schema';

export const ROLES = ['admin', 'official', 'collector'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  username: z.string(),
  role: RoleSchema,
  /** Area codes the user may act in; empty for admin (everything). */
  areas: z.array(z.string()),
  /** The area set the codes are read in, once an admin moved them to one; absent: the installation's own set. */
  areaSetId: z.optional(z.string()),
});
export type User = z.infer<typeof UserSchema>;

/** Device data from Cognito's context-data library (threat protection), when the web app sends it. */
const EncodedDataSchema = z.optional(z.string().check(z.maxLength(131072)));

export const SessionRequestSchema = z.strictObject({
  username: z.string().check(z.minLength(1), z.maxLength(128)),
  password: z.string().check(z.minLength(1), z.maxLength(256)),
  encodedData: EncodedDataSchema,
});
/** The second step of a sign-in with an authenticator app: the challenge `session` from the 401 and the code. */
export const MfaAnswerRequestSchema = z.strictObject({
  username: z.string().check(z.minLength(1), z.maxLength(128)),
  session: z.string().check(z.minLength(1), z.maxLength(4096)),
  code: z.string().check(z.regex(/^\d{6}$/)),
  encodedData: EncodedDataSchema,
});
export const SessionResponseSchema = z.object({ token: z.string(), user: UserSchema });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const AreasResponseSchema = z.object({ areas: z.array(AreaSchema) });

export const COUNT_POLICIES = ['submitted', 'approved'] as const;
export const ROUND_STATUSES = ['upcoming', 'open', 'closed'] as const;

/**
 * A survey round as the API answers it. The fields from surveyId on arrived when rounds became data: they are
 * optional here so rounds stored (or cached on a phone) before then still parse; the API always sends them.
 */
export const RoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Older names of surveyId and surveyVersion, kept equal to them for existing clients. */
  form: z.string(),
  formVersion: z.number(),
  referenceYear: z.number(),
  opensAt: z.string(),
  closesAt: z.string(),
  surveyId: z.optional(z.string()),
  surveyVersion: z.optional(z.number()),
  areaSetId: z.optional(z.string()),
  /** YYYY-MM-DD: ages are whole years at this date. */
  referenceDate: z.optional(z.string()),
  countPolicy: z.optional(z.enum(COUNT_POLICIES)),
  /** From the server's clock when it answered. */
  status: z.optional(z.enum(ROUND_STATUSES)),
});
export type Round = z.infer<typeof RoundSchema>;
export const RoundsResponseSchema = z.object({ rounds: z.array(RoundSchema) });

export const CHANNELS = ['collector', 'self'] as const;

export const StoredResponseSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  wardCode: z.string(),
  villageCode: z.string(),
  householdCode: z.optional(z.string()),
  household: HouseholdSchema,
  members: z.array(MemberSchema),
  version: z.number(),
  channel: z.enum(CHANNELS),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The API always sends it; optional so responses cached on a phone before review existed still parse. */
  review: z.optional(ReviewSchema),
});
export type StoredResponse = z.infer<typeof StoredResponseSchema>;

export const ResponsesPageSchema = z.object({
  responses: z.array(StoredResponseSchema),
  /** Pass back as `cursor` for the next page; absent on the last page. */
  cursor: z.optional(z.string()),
});
export type ResponsesPage = z.infer<typeof ResponsesPageSchema>;

export const PutResponseResultSchema = z.object({ id: z.string(), version: z.number() });

export const AGGREGATE_LEVELS = ['ward', 'district', 'province'] as const;
export const AggregateLevelSchema = z.enum(AGGREGATE_LEVELS);
export type AggregateLevel = z.infer<typeof AggregateLevelSchema>;

export const IndicatorResultSchema = z.object({
  id: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  percent: z.nullable(z.number()),
  target: z.nullable(z.number()),
  met: z.nullable(z.boolean()),
});

export const AreaAggregateSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: AggregateLevelSchema,
  households: z.object({
    surveyed: z.number(),
    total: z.nullable(z.number()),
    /** Households per review state (all of them, whatever the count policy counts). */
    submitted: z.optional(z.number()),
    approved: z.optional(z.number()),
    returned: z.optional(z.number()),
    rejected: z.optional(z.number()),
  }),
  members: z.number(),
  indicators: z.array(IndicatorResultSchema),
  /** Under the `approved` policy: what the figures would be counting every response not rejected. */
  provisional: z.optional(z.object({ households: z.object({ surveyed: z.number() }), members: z.number(), indicators: z.array(IndicatorResultSchema) })),
});
export type AreaAggregate = z.infer<typeof AreaAggregateSchema>;

/** A recompute of the round's counters under way (or failed): the figures are still the previous list's. */
export const RecomputeStatusSchema = z.object({
  state: z.enum(['running', 'failed']),
  startedAt: z.string(),
  processed: z.number(),
  total: z.nullable(z.number()),
  error: z.optional(z.string()),
});

export const AggregatesResponseSchema = z.object({
  roundId: z.string(),
  level: AggregateLevelSchema,
  updatedAt: z.nullable(z.string()),
  /** The definitions the figures count, in display order, with their current labels and targets. */
  indicators: z.optional(z.array(IndicatorSchema)),
  recompute: z.optional(z.nullable(RecomputeStatusSchema)),
  /** Which responses the figures count: all but rejected (`submitted`) or only approved ones. */
  countPolicy: z.optional(z.enum(COUNT_POLICIES)),
  areas: z.array(AreaAggregateSchema),
});
export type AggregatesResponse = z.infer<typeof AggregatesResponseSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
