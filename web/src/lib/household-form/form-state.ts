// The household form as the user fills it in, and the request body made from it. Inputs hold raw text
// until submit; hidden answers stay in the state (so a corrected birth year brings them back) but never
// reach the body. Pure: the page, the tests and a later offline outbox all use the same functions.
import { type FormDefinition, HOUSEHOLD_FORM, type Question } from '@shared/survey/form';
import { ageInReferenceYear, isAskedOfAge, isAskedOfHousehold } from '@shared/survey/relevance';

/** Text-like inputs hold their raw string, yes/no questions a boolean, choices the option value. */
export type Answer = string | boolean | undefined;
export type Answers = Record<string, Answer>;

export interface MemberDraft {
  /** Stable across removals of other members, for rendering. */
  key: string;
  answers: Answers;
}

export interface FormState {
  household: Answers;
  members: MemberDraft[];
  /** The roster household picked for this response, kept with the draft like any answer. */
  householdCode?: string;
}

export interface ResponseTarget {
  roundId: string;
  wardCode: string;
  villageCode: string;
}

/** A stored response's answers, as the API returns them. */
export interface StoredAnswers {
  household: Record<string, unknown>;
  members: Record<string, unknown>[];
  householdCode?: string;
}

let memberSeq = 0;

export function emptyMember(): MemberDraft {
  return { key: `m${++memberSeq}`, answers: {} };
}

export function emptyForm(form: FormDefinition = HOUSEHOLD_FORM): FormState {
  return { household: {}, members: Array.from({ length: form.minMembers }, emptyMember) };
}

function toAnswers(values: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const [id, value] of Object.entries(values)) {
    if (typeof value === 'boolean' || typeof value === 'string') answers[id] = value;
    else if (typeof value === 'number') answers[id] = String(value);
  }
  return answers;
}

/** The form state of a stored response, for editing. */
export function formFromStored(stored: StoredAnswers): FormState {
  return {
    household: toAnswers(stored.household),
    members: stored.members.map((member) => ({ ...emptyMember(), answers: toAnswers(member) })),
    ...(stored.householdCode ? { householdCode: stored.householdCode } : {}),
  };
}

/** The member's age in the reference year, once a four-digit birth year is entered. */
export function memberAge(answers: Answers, referenceYear: number): number | undefined {
  const raw = answers.birth_year;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw.trim())) return undefined;
  return ageInReferenceYear(Number(raw.trim()), referenceYear);
}

export function visibleHouseholdQuestions(household: Answers, form: FormDefinition = HOUSEHOLD_FORM): Question[] {
  return form.household.filter((question) => isAskedOfHousehold(question, household));
}

export function visibleMemberQuestions(member: Answers, referenceYear: number, form: FormDefinition = HOUSEHOLD_FORM): Question[] {
  const age = memberAge(member, referenceYear);
  return form.members.filter((question) => isAskedOfAge(question, age));
}

/**
 * The value an answer submits as, or undefined when it is left out: text trimmed, phone without spaces,
 * dots or dashes, a year as a number when it is all digits (else the raw text, for validation to reject).
 */
export function submittedValue(question: Question, raw: Answer): unknown {
  if (question.kind === 'boolean') return typeof raw === 'boolean' ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  if (question.kind === 'phone') return raw.replace(/[\s.-]/g, '') || undefined;
  const text = raw.trim();
  if (!text) return undefined;
  if (question.kind === 'year') return /^\d+$/.test(text) ? Number(text) : text;
  return text;
}

function pick(questions: Question[], answers: Answers): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const question of questions) {
    const value = submittedValue(question, answers[question.id]);
    if (value !== undefined) values[question.id] = value;
  }
  return values;
}

/** The body of `PUT /api/responses/{id}`: visible answers only. Not yet validated. */
export function buildResponseBody(state: FormState, target: ResponseTarget, referenceYear: number, form: FormDefinition = HOUSEHOLD_FORM) {
  return {
    roundId: target.roundId,
    wardCode: target.wardCode,
    villageCode: target.villageCode,
    ...(state.householdCode ? { householdCode: state.householdCode } : {}),
    household: pick(visibleHouseholdQuestions(state.household, form), state.household),
    members: state.members.map((member) => pick(visibleMemberQuestions(member.answers, referenceYear, form), member.answers)),
  };
}

/** Dotted paths of every visible field, in the order the form shows them. */
export function fieldPaths(state: FormState, referenceYear: number, form: FormDefinition = HOUSEHOLD_FORM): string[] {
  return [
    ...visibleHouseholdQuestions(state.household, form).map((q) => `household.${q.id}`),
    ...state.members.flatMap((member, index) => visibleMemberQuestions(member.answers, referenceYear, form).map((q) => `members.${index}.${q.id}`)),
  ];
}
