// The household form as the user fills it in, and the request body made from it, for any questionnaire
// definition (the round's pinned version). Inputs hold raw text until submit; hidden answers stay in the state
// (so a corrected birth year brings them back) but never reach the body. Pure: the page, the self-report
// page and the tests use the same functions.
import { BIRTH_YEAR, compileDefinition, type Definition, HOUSEHOLD_DX_V1, type Question, type Scope } from '@shared/questionnaire';

/** Text-like inputs hold their raw string, yes/no a boolean, a single choice its value, a multiple one an array. */
export type Answer = string | boolean | string[] | undefined;
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

export function emptyForm(definition: Definition = HOUSEHOLD_DX_V1): FormState {
  return { household: {}, members: Array.from({ length: Math.max(definition.members.min, 1) }, emptyMember) };
}

function toAnswers(values: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const [id, value] of Object.entries(values)) {
    if (typeof value === 'boolean' || typeof value === 'string') answers[id] = value;
    else if (typeof value === 'number') answers[id] = String(value);
    else if (Array.isArray(value)) answers[id] = value.map(String);
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
  const raw = answers[BIRTH_YEAR];
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw.trim())) return undefined;
  return referenceYear - Number(raw.trim());
}

/**
 * The value an answer submits as, or undefined when it is left out: text trimmed, phone without spaces,
 * dots or dashes, a number when it reads as one (a decimal comma too), else the raw text for validation to reject.
 */
export function submittedValue(question: Question, raw: Answer): unknown {
  if (question.type === 'yes_no') return typeof raw === 'boolean' ? raw : undefined;
  if (question.type === 'select_multiple') return Array.isArray(raw) && raw.length > 0 ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  if (question.type === 'phone') return raw.replace(/[\s.-]/g, '') || undefined;
  const text = raw.trim();
  if (!text) return undefined;
  if (question.type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text;
  if (question.type === 'decimal') return /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;
  return text;
}

function values(questions: readonly Question[], answers: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const question of questions) {
    const value = submittedValue(question, answers[question.id]);
    if (value !== undefined) out[question.id] = value;
  }
  return out;
}

/** The questions asked, given the answers: hidden answers are left out of the scope until nothing changes. */
function askedOf(questions: Question[], compiled: ReturnType<typeof compileDefinition>['household'], scopeOf: (asked: Question[]) => Scope): Question[] {
  let asked = questions;
  for (let round = 0; round < 4; round++) {
    const scope = scopeOf(asked);
    const next = questions.filter((_, i) => !compiled[i].relevant || compiled[i].relevant?.(scope));
    if (next.length === asked.length) return next;
    asked = next;
  }
  return asked;
}

export function visibleHouseholdQuestions(household: Answers, definition: Definition = HOUSEHOLD_DX_V1): Question[] {
  const compiled = compileDefinition(definition);
  return askedOf(definition.household, compiled.household, (asked) => ({ household: values(asked, household) }));
}

export function visibleMemberQuestions(member: Answers, referenceYear: number, definition: Definition = HOUSEHOLD_DX_V1, household: Answers = {}): Question[] {
  const compiled = compileDefinition(definition);
  const householdValues = values(visibleHouseholdQuestions(household, definition), household);
  const age = memberAge(member, referenceYear);
  return askedOf(definition.members.questions, compiled.members, (asked) => ({ household: householdValues, member: values(asked, member), age }));
}

/** The body of `PUT /api/responses/{id}`: visible answers only. Not yet validated. */
export function buildResponseBody(state: FormState, target: ResponseTarget, referenceYear: number, definition: Definition = HOUSEHOLD_DX_V1) {
  return {
    roundId: target.roundId,
    wardCode: target.wardCode,
    villageCode: target.villageCode,
    ...(state.householdCode ? { householdCode: state.householdCode } : {}),
    household: values(visibleHouseholdQuestions(state.household, definition), state.household),
    members: state.members.map((member) => values(visibleMemberQuestions(member.answers, referenceYear, definition, state.household), member.answers)),
  };
}

/** Dotted paths of every visible field, in the order the form shows them. */
export function fieldPaths(state: FormState, referenceYear: number, definition: Definition = HOUSEHOLD_DX_V1): string[] {
  return [
    ...visibleHouseholdQuestions(state.household, definition).map((q) => `household.${q.id}`),
    ...state.members.flatMap((member, index) =>
      visibleMemberQuestions(member.answers, referenceYear, definition, state.household).map((q) => `members.${index}.${q.id}`),
    ),
  ];
}

/** The age from which some member questions are asked (`age >= N`), for the hint under a child's card. */
export function adultAgeOf(definition: Definition): number | undefined {
  const ages = definition.members.questions.flatMap((q) =>
    q.relevant && 'q' in q.relevant && q.relevant.q === 'age' && q.relevant.gte !== undefined ? [q.relevant.gte] : [],
  );
  return ages.length > 0 ? Math.min(...ages) : undefined;
}
