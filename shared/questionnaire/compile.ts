// A definition compiled once into lookup tables and closures: what the answer validator runs per household.
import { isSafeText, UNSAFE_TEXT_KEY } from '../text/safe-text';
import { compileCondition, type Locate, type Predicate, referencesOf } from './condition';
import { AGE, BIRTH_YEAR, type Condition, type Definition, isComparison, type Label, type Question, type Rule } from './definition';
import { renderCondition } from './render-condition';

/** Vietnamese mobile (03/05/07/08/09 + 8 digits) or landline (02 + 9 digits), with 0 or +84. */
export const VN_PHONE = /^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/;

export type ShapeIssue = { key: string; params?: Record<string, string | number> };
/** Checks one present answer's shape; returns the normalised value or the issue. */
export type ShapeCheck = (value: unknown) => { value: unknown } | ShapeIssue;

export interface CompiledQuestion {
  id: string;
  question: Question;
  /** Required whatever the other answers (required and always asked). */
  alwaysRequired: boolean;
  relevant?: Predicate;
  /** Why an answer here is refused when the question was not asked. */
  notRelevant: ShapeIssue & { text?: Label };
  check: ShapeCheck;
}

export interface CompiledRule {
  rule: Rule;
  when: Predicate;
  then: Predicate;
  /** The question the issue is reported at (undefined: at the household or member itself). */
  at?: string;
  readsAge: boolean;
}

export interface CompiledDefinition {
  definition: Definition;
  locate: Locate;
  household: CompiledQuestion[];
  members: CompiledQuestion[];
  householdIds: Set<string>;
  memberIds: Set<string>;
  householdRules: CompiledRule[];
  memberRules: CompiledRule[];
}

const cache = new WeakMap<Definition, CompiledDefinition>();

/** Compiles a definition (memoised per definition object). Assumes `checkDefinition` found nothing. */
export function compileDefinition(definition: Definition): CompiledDefinition {
  const cached = cache.get(definition);
  if (cached) return cached;
  const householdIds = new Set(definition.household.map((q) => q.id));
  const memberIds = new Set(definition.members.questions.map((q) => q.id));
  const locate: Locate = (q) => (q === AGE ? 'age' : memberIds.has(q) ? 'member' : householdIds.has(q) ? 'household' : undefined);
  const compileQuestion = (question: Question): CompiledQuestion => ({
    id: question.id,
    question,
    alwaysRequired: question.required && !question.relevant,
    relevant: question.relevant && compileCondition(question.relevant, locate),
    notRelevant: notRelevantIssue(question, definition),
    check: shapeCheck(question, definition),
  });
  const rules = definition.rules.map((rule) => compileRule(rule, locate));
  const compiled: CompiledDefinition = {
    definition,
    locate,
    household: definition.household.map(compileQuestion),
    members: definition.members.questions.map(compileQuestion),
    householdIds,
    memberIds,
    householdRules: rules.filter((r) => !isMemberRule(r.rule, locate)),
    memberRules: rules.filter((r) => isMemberRule(r.rule, locate)),
  };
  cache.set(definition, compiled);
  return compiled;
}

/** A rule is checked per member when it reads a member answer or age; otherwise once per household. */
export function isMemberRule(rule: Rule, locate: Locate): boolean {
  return [...referencesOf(rule.when), ...referencesOf(rule.then)].some((q) => locate(q) === 'member' || locate(q) === 'age');
}

/** The question a broken rule is reported at: the first one `then` reads, else the first one `when` reads. */
export function ruleTarget(rule: Rule, locate: Locate, memberRule: boolean): string | undefined {
  const own = (q: string) => (memberRule ? locate(q) === 'member' || q === AGE : locate(q) === 'household');
  const target = referencesOf(rule.then).find(own) ?? referencesOf(rule.when).find(own);
  return target === AGE ? BIRTH_YEAR : target;
}

function compileRule(rule: Rule, locate: Locate): CompiledRule {
  const refs = [...referencesOf(rule.when), ...referencesOf(rule.then)];
  return {
    rule,
    when: compileCondition(rule.when, locate),
    then: compileCondition(rule.then, locate),
    at: ruleTarget(rule, locate, isMemberRule(rule, locate)),
    readsAge: refs.includes(AGE),
  };
}

/** A group of one condition means that condition (an XLSForm round trip may add or drop the group). */
function unwrapped(cond: Condition): Condition {
  if ('all' in cond && cond.all.length === 1) return unwrapped(cond.all[0]);
  if ('any' in cond && cond.any.length === 1) return unwrapped(cond.any[0]);
  return cond;
}

function notRelevantIssue(question: Question, definition: Definition): ShapeIssue & { text?: Label } {
  const cond = question.relevant;
  const single = cond && unwrapped(cond);
  if (single && isComparison(single) && single.q === AGE && single.gte !== undefined)
    return { key: 'validation.not_asked_under_age', params: { age: single.gte } };
  if (!cond) return { key: 'questionnaire.not_relevant' };
  return {
    key: 'questionnaire.not_relevant',
    text: {
      vi: `Câu hỏi này chỉ dành cho trường hợp: ${renderCondition(cond, definition, 'vi')}.`,
      en: `This question is only asked when: ${renderCondition(cond, definition, 'en')}.`,
    },
  };
}

function shapeCheck(question: Question, definition: Definition): ShapeCheck {
  const { min, max, maxLength } = question;
  const range = (n: number): ShapeIssue | undefined =>
    min !== undefined && n < min
      ? { key: 'validation.too_small.number', params: { minimum: String(min) } }
      : max !== undefined && n > max
        ? { key: 'validation.too_big.number', params: { maximum: String(max) } }
        : undefined;
  const values = new Set((question.choices && definition.choices[question.choices]?.map((c) => c.value)) ?? []);
  const notInList: ShapeIssue = { key: 'validation.invalid_value', params: { values: [...values].join(', ') } };
  switch (question.type) {
    case 'yes_no':
      return (v) => (typeof v === 'boolean' ? { value: v } : { key: 'validation.invalid_type.boolean' });
    case 'integer':
      return (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? (range(v) ?? { value: v }) : { key: 'validation.integer' });
    case 'decimal':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? (range(v) ?? { value: v }) : { key: 'validation.invalid_type.number' });
    case 'text':
      return (v): ReturnType<ShapeCheck> => {
        if (typeof v !== 'string') return { key: 'validation.invalid_type.string' };
        // Stored NFC-normalised and free of characters that hide or reorder text (the same rule as every text field).
        if (!isSafeText(v)) return { key: UNSAFE_TEXT_KEY };
        const text = v.trim().normalize('NFC');
        if (text.length === 0) return { key: 'validation.too_small.string', params: { minimum: '1' } };
        if (maxLength !== undefined && text.length > maxLength) return { key: 'validation.too_big.string', params: { maximum: String(maxLength) } };
        return { value: text };
      };
    case 'phone':
      return (v) =>
        typeof v !== 'string' ? { key: 'validation.invalid_type.string' } : VN_PHONE.test(v) ? { value: v } : { key: 'validation.invalid_format.phone' };
    case 'select_one':
      return (v) => (typeof v === 'string' && values.has(v) ? { value: v } : notInList);
    case 'select_multiple':
      return (v): ReturnType<ShapeCheck> => {
        if (!Array.isArray(v)) return { key: 'validation.invalid_type.array' };
        if (!v.every((x) => typeof x === 'string' && values.has(x))) return notInList;
        if (new Set(v).size !== v.length) return { key: 'questionnaire.duplicate_selection' };
        return { value: [...v] };
      };
  }
}
