// Bodies of POST /api/rounds and PATCH /api/rounds/{id} (API.md, *Rounds*): the API parses with them, the web
// app's rounds page builds them.
import * as z from 'zod/mini';
import { COUNT_POLICIES } from '../api/contract';
import { IndicatorSchema } from '../questionnaire/definition';

const name = () => z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
/** An instant with its offset, e.g. 2026-06-01T00:00:00+07:00. */
const instant = () => z.iso.datetime({ offset: true });

export const CreateRoundRequestSchema = z.strictObject({
  name: name(),
  surveyId: z.string().check(z.minLength(1), z.maxLength(64)),
  surveyVersion: z.int().check(z.positive()),
  areaSetId: z.string().check(z.minLength(1), z.maxLength(64)),
  /** YYYY-MM-DD; checked as a calendar date by the service. */
  referenceDate: z.string(),
  opensAt: instant(),
  closesAt: instant(),
  countPolicy: z.optional(z.enum(COUNT_POLICIES)),
  indicators: z.optional(z.array(IndicatorSchema)),
});
export type CreateRoundRequest = z.infer<typeof CreateRoundRequestSchema>;

/** What may change on a round; survey version and area set only while it has no response. */
export const UpdateRoundRequestSchema = z.strictObject({
  name: z.optional(name()),
  opensAt: z.optional(instant()),
  closesAt: z.optional(instant()),
  countPolicy: z.optional(z.enum(COUNT_POLICIES)),
  surveyVersion: z.optional(z.int().check(z.positive())),
  areaSetId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});
export type UpdateRoundRequest = z.infer<typeof UpdateRoundRequestSchema>;
