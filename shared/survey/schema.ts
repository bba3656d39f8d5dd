// zod schemas of a household response: the one definition the web form and the API validate with.
import * as z from 'zod/mini';
import { HOUSEHOLD_FORM, type Question } from './form';
import { ageInReferenceYear, isAskedOfAge, isAskedOfHousehold } from './relevance';

export const MIN_BIRTH_YEAR = 1900;
/** Vietnamese mobile (03/05/07/08/09 + 8 digits) or landline (02 + 9 digits), with 0 or +84. */
export const VN_PHONE = /^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const HouseholdSchema = z.strictObject({
  head_name: text(100),
  address: text(200),
  phone: z.optional(z.string().check(z.regex(VN_PHONE))),
  fiber_broadband: z.boolean(),
  internet_any: z.boolean(),
  electricity_cashless: z.boolean(),
  business_household: z.boolean(),
  ecommerce_shop: z.optional(z.boolean()),
});
export type Household = z.infer<typeof HouseholdSchema>;

export const MemberSchema = z.strictObject({
  name: z.optional(text(100)),
  birth_year: z.int().check(z.gte(MIN_BIRTH_YEAR)),
  sex: z.optional(z.enum(['male', 'female'])),
  has_ehr: z.boolean(),
  has_smartphone: z.optional(z.boolean()),
  has_payment_account: z.optional(z.boolean()),
  cashless_essential: z.optional(z.boolean()),
  has_vneid_level2: z.optional(z.boolean()),
  has_digital_signature: z.optional(z.boolean()),
  used_online_public_service: z.optional(z.boolean()),
  used_telehealth: z.optional(z.boolean()),
});
export type Member = z.infer<typeof MemberSchema>;

export const SurveyAnswersSchema = z.strictObject({
  household: HouseholdSchema,
  members: z.array(MemberSchema).check(z.minLength(HOUSEHOLD_FORM.minMembers), z.maxLength(HOUSEHOLD_FORM.maxMembers)),
});
export type SurveyAnswers = z.infer<typeof SurveyAnswersSchema>;

/** The body of `PUT /api/responses/{id}`. */
export const ResponseBodySchema = z.strictObject({
  roundId: z.string().check(z.minLength(1), z.maxLength(64)),
  wardCode: z.string().check(z.minLength(1), z.maxLength(32)),
  villageCode: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The household's code in the ward's roster, when the collector picked it from there (or a named link set it). */
  householdCode: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
  household: HouseholdSchema,
  members: z.array(MemberSchema).check(z.minLength(HOUSEHOLD_FORM.minMembers), z.maxLength(HOUSEHOLD_FORM.maxMembers)),
});
export type ResponseBody = z.infer<typeof ResponseBodySchema>;

/** Rule keys of the cross-field checks; the message dictionary translates them. */
export type RuleKey = 'required_when_relevant' | 'not_asked_under_age' | 'not_asked_unless' | 'birth_year_after_reference' | 'fiber_implies_internet';

export interface RuleIssue {
  path: (string | number)[];
  rule: RuleKey;
  params?: Record<string, string | number>;
}

/**
 * Cross-field rules that need the round's reference year: relevance by age and by answer,
 * birth years up to the reference year, fibre implying Internet. Runs on shape-valid answers.
 */
export function checkSurveyRules(answers: SurveyAnswers, referenceYear: number): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const household = answers.household as Record<string, unknown>;
  for (const question of HOUSEHOLD_FORM.household) {
    checkPresence(question, isAskedOfHousehold(question, household), household, ['household'], issues);
  }
  if (answers.household.fiber_broadband && !answers.household.internet_any) {
    issues.push({ path: ['household', 'internet_any'], rule: 'fiber_implies_internet' });
  }
  answers.members.forEach((member, index) => {
    const path = ['members', index];
    if (member.birth_year > referenceYear) {
      issues.push({ path: [...path, 'birth_year'], rule: 'birth_year_after_reference', params: { year: referenceYear } });
      return;
    }
    const age = ageInReferenceYear(member.birth_year, referenceYear);
    for (const question of HOUSEHOLD_FORM.members) {
      checkPresence(question, isAskedOfAge(question, age), member as Record<string, unknown>, path, issues);
    }
  });
  return issues;
}

function checkPresence(question: Question, asked: boolean, answers: Record<string, unknown>, path: (string | number)[], issues: RuleIssue[]) {
  const present = answers[question.id] !== undefined;
  const at = [...path, question.id];
  if (asked && question.required && !present) issues.push({ path: at, rule: 'required_when_relevant' });
  if (!asked && present) {
    const { relevance } = question;
    if (relevance.kind === 'minAge') issues.push({ path: at, rule: 'not_asked_under_age', params: { age: relevance.age } });
    else if (relevance.kind === 'when') issues.push({ path: at, rule: 'not_asked_unless', params: { field: relevance.field } });
  }
}
