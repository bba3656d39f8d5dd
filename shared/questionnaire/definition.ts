// A questionnaire as data: the zod schema of a survey definition (API.md, *Surveys*). Pure; the API parses
// uploads with it, the web form renders from it, the validator and the indicator fold compile it.
import * as z from 'zod/mini';

export type Lang = 'vi' | 'en';
export type Label = { vi: string; en: string };
export type Scalar = boolean | number | string;

export const COMPARISON_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'selected'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/** `{ q, <op>: value }` with exactly one operator; `q` is a question id or `age`. */
export interface Comparison {
  q: string;
  eq?: Scalar;
  ne?: Scalar;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  in?: Scalar[];
  selected?: string;
}
export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** The name conditions use for a member's age in the round's reference year. */
export const AGE = 'age';
/** The member question age is computed from: age = referenceYear − birth_year. */
export const BIRTH_YEAR = 'birth_year';

export const QUESTION_TYPES = ['yes_no', 'integer', 'decimal', 'text', 'phone', 'select_one', 'select_multiple'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const ID = /^[a-z][a-z0-9_]{0,63}$/;
const id = () => z.string().check(z.regex(ID));
const scalar = z.union([z.boolean(), z.number(), z.string()]);

export const LabelSchema = z.strictObject({ vi: z.string().check(z.minLength(1)), en: z.string().check(z.minLength(1)) });

const ComparisonSchema = z
  .strictObject({
    q: z.string().check(z.minLength(1)),
    eq: z.optional(scalar),
    ne: z.optional(scalar),
    gt: z.optional(z.number()),
    gte: z.optional(z.number()),
    lt: z.optional(z.number()),
    lte: z.optional(z.number()),
    in: z.optional(z.array(scalar).check(z.minLength(1))),
    selected: z.optional(z.string()),
  })
  .check(
    z.refine((c) => COMPARISON_OPS.filter((op) => (c as Record<string, unknown>)[op] !== undefined).length === 1, {
      message: 'questionnaire.condition_one_operator',
    }),
  );

export const ConditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    ComparisonSchema,
    z.strictObject({ all: z.array(ConditionSchema) }),
    z.strictObject({ any: z.array(ConditionSchema) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
) as z.ZodMiniType<Condition>;

export const QuestionSchema = z.strictObject({
  id: id(),
  type: z.enum(QUESTION_TYPES),
  label: LabelSchema,
  hint: z.optional(LabelSchema),
  required: z.boolean(),
  relevant: z.optional(ConditionSchema),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  maxLength: z.optional(z.int().check(z.positive())),
  choices: z.optional(id()),
});
export type Question = z.infer<typeof QuestionSchema>;

export const ChoiceSchema = z.strictObject({ value: z.string().check(z.minLength(1)), label: LabelSchema });
export type Choice = z.infer<typeof ChoiceSchema>;

export const RuleSchema = z.strictObject({ id: id(), when: ConditionSchema, then: ConditionSchema, message: LabelSchema });
export type Rule = z.infer<typeof RuleSchema>;

export const IndicatorSchema = z.strictObject({
  id: id(),
  unit: z.enum(['household', 'person']),
  population: z.optional(ConditionSchema),
  numerator: ConditionSchema,
  label: LabelSchema,
  target: z.nullable(z.number().check(z.gte(0), z.lte(1))),
  source: z.optional(z.nullable(z.string())),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const DefinitionSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/)),
  version: z.int().check(z.positive()),
  title: LabelSchema,
  household: z.array(QuestionSchema),
  members: z.strictObject({
    min: z.int().check(z.gte(0)),
    max: z.int().check(z.positive()),
    questions: z.array(QuestionSchema),
  }),
  choices: z.record(id(), z.array(ChoiceSchema).check(z.minLength(1))),
  rules: z.array(RuleSchema),
  indicators: z.array(IndicatorSchema),
});
export type Definition = z.infer<typeof DefinitionSchema>;

/** Whether a condition is a comparison (as opposed to all/any/not). */
export function isComparison(cond: Condition): cond is Comparison {
  return 'q' in cond;
}

/** The one operator of a comparison and its operand. */
export function operatorOf(cond: Comparison): [ComparisonOp, unknown] {
  for (const op of COMPARISON_OPS) if (cond[op] !== undefined) return [op, cond[op]];
  throw new Error('comparison without operator');
}
