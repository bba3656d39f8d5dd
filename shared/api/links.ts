// Shapes of the self-report link routes (POST/GET/DELETE /api/links, GET/PUT /api/self/{token}): the API builds
// these, the web client parses with them.
import * as z from 'zod/mini';
import { AreaSchema } from '../areas/areas';
import { codeId, safeText } from '../text/safe-text';
import { RoundSchema } from './contract';

export const MAX_LINKS_PER_REQUEST = 200;

/** Codes travel inside link tokens, "~"-separated: they must be plain URL-safe codes. */
const code = codeId;

/** A household of the links form: its head's name, or its roster code (the API then takes the name from the roster). */
export const NamedHouseholdSchema = z.strictObject({
  headName: z.optional(safeText(100)),
  householdCode: z.optional(safeText(64)),
});
export type NamedHousehold = z.infer<typeof NamedHouseholdSchema>;

/** `count` blank links, or one link per named household of the roster; exactly one of the two. */
export const CreateLinksRequestSchema = z.strictObject({
  roundId: code(64),
  wardCode: code(32),
  villageCode: code(64),
  count: z.optional(z.int().check(z.gte(1), z.lte(MAX_LINKS_PER_REQUEST))),
  households: z.optional(z.array(NamedHouseholdSchema).check(z.minLength(1), z.maxLength(MAX_LINKS_PER_REQUEST))),
});
export type CreateLinksRequest = z.infer<typeof CreateLinksRequestSchema>;

export const LINK_STATES = ['unused', 'used', 'revoked'] as const;

export const LinkSchema = z.object({
  token: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  linkId: z.string(),
  roundId: z.string(),
  wardCode: z.string(),
  villageCode: z.string(),
  householdCode: z.optional(z.string()),
  headName: z.optional(z.string()),
  /** The short code a person can type (`7KQM-4X92-PABC`); absent on links made before short codes. */
  code: z.optional(z.string()),
  /** `<public URL>/s/<code>`: what the printed sheet shows in place of the long URL. */
  shortUrl: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The response this link writes (the same on every submission). */
  responseId: z.string(),
  state: z.enum(LINK_STATES),
  revokedAt: z.optional(z.string()),
  /** When the household last submitted, while its response exists. */
  submittedAt: z.optional(z.string()),
  /** The head of household as the household itself answered, once used. */
  answeredHeadName: z.optional(z.string()),
});
export type Link = z.infer<typeof LinkSchema>;

/** POST answers `links`; GET answers a page of them and `nextCursor` (null on the last page). */
export const LinksResponseSchema = z.object({ links: z.array(LinkSchema), nextCursor: z.optional(z.nullable(z.string())) });

/** `GET /api/links`: at most this many links per page (default DEFAULT_LINKS_PAGE). */
export const MAX_LINKS_PAGE = 500;
export const DEFAULT_LINKS_PAGE = 100;

/** What a typed short code opens (`GET /api/self/code/{code}`): the link's token, used from then on like the link itself. */
export const SelfCodeAnswerSchema = z.object({ token: z.string(), url: z.string() });
export type SelfCodeAnswer = z.infer<typeof SelfCodeAnswerSchema>;

/** What a household's own form page gets: where it answers for, and what it answered so far. */
export const SelfFormSchema = z.object({
  link: z.object({
    linkId: z.string(),
    expiresAt: z.string(),
    householdCode: z.optional(z.string()),
    headName: z.optional(z.string()),
    /** The household's address on the roster, for a link made from it: the form starts with it. */
    address: z.optional(z.string()),
  }),
  round: RoundSchema,
  ward: AreaSchema,
  village: AreaSchema,
  /** The round's questionnaire version: its whole definition (the page needs only which one it is). */
  form: z.object({ id: z.string(), version: z.number() }),
  /**
   * The household's answers when it has submitted; null before (or after a collector deleted them). Their questions
   * are the round's questionnaire's, so they are kept whole here and checked against it by the form.
   */
  response: z.nullable(
    z.object({
      id: z.string(),
      version: z.number(),
      household: z.record(z.string(), z.unknown()),
      members: z.array(z.record(z.string(), z.unknown())),
      updatedAt: z.string(),
    }),
  ),
  /** True when a collector deleted the household's response: the link can no longer submit. */
  deleted: z.boolean(),
});
export type SelfForm = z.infer<typeof SelfFormSchema>;
