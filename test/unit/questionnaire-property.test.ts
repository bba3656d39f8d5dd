// Random valid definitions with random answers: validateAnswers agrees with a naive, separately written reading
// of the definition (conditions evaluated by walking the tree at each use, nothing compiled or cached).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../shared/questionnaire/check-definition';
import type { Condition, Definition, Question, QuestionType, Rule } from '../../shared/questionnaire/definition';
import { validateAnswers } from '../../shared/questionnaire/validate-answers';

const YEAR = 2025;
const VALUES = ['a', 'b', 'c'];
const TYPES: QuestionType[] = ['yes_no', 'integer', 'decimal', 'text', 'phone', 'select_one', 'select_multiple'];
type Ref = { id: string; type: QuestionType };

function comparison(ref: Ref): fc.Arbitrary<Condition> {
  const q = ref.id;
  switch (ref.type) {
    case 'yes_no':
      return fc.tuple(fc.constantFrom('eq', 'ne'), fc.boolean()).map(([op, v]) => ({ q, [op]: v }));
    case 'integer':
    case 'decimal':
      return fc.oneof(
        fc.tuple(fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), fc.constantFrom(0, 5, 15)).map(([op, v]) => ({ q, [op]: v })),
        fc.constantFrom([0, 5], [15]).map((v) => ({ q, in: [...v] })),
      );
    case 'text':
    case 'phone':
      return fc.tuple(fc.constantFrom('eq', 'ne', 'in'), fc.constantFrom('a', 'b', '0912345678')).map(([op, v]) => ({ q, [op]: op === 'in' ? [v] : v }));
    case 'select_one':
      return fc.tuple(fc.constantFrom('eq', 'ne', 'in', 'selected'), fc.constantFrom(...VALUES)).map(([op, v]) => ({ q, [op]: op === 'in' ? [v, 'c'] : v }));
    case 'select_multiple':
      return fc.tuple(fc.constantFrom('in', 'selected'), fc.constantFrom(...VALUES)).map(([op, v]) => ({ q, [op]: op === 'in' ? [v] : v }));
  }
}

function condition(refs: Ref[]): fc.Arbitrary<Condition> {
  const leaf = fc.constantFrom(...refs).chain(comparison);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }).map((all) => ({ all })) },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }).map((any) => ({ any })) },
    { weight: 1, arbitrary: leaf.map((c) => ({ not: c })) },
  );
}

const label = { vi: 'Câu hỏi', en: 'Question' };
function question(id: string, type: QuestionType, earlier: Ref[]): fc.Arbitrary<Question> {
  return fc.record({ required: fc.boolean(), relevant: earlier.length ? fc.option(condition(earlier), { nil: undefined }) : fc.constant(undefined), bound: fc.boolean() }).map(({ required, relevant, bound }) => {
    const q: Question = { id, type, label, required };
    if (relevant) q.relevant = relevant;
    if (bound && (type === 'integer' || type === 'decimal')) Object.assign(q, { min: 0, max: 20 });
    if (bound && type === 'text') q.maxLength = 3;
    if (type === 'select_one' || type === 'select_multiple') q.choices = 'l';
    return q;
  });
}

/** Questions one after another, each relevant only on earlier ones (so never circular). */
function questions(prefix: string, types: QuestionType[], given: Ref[]): fc.Arbitrary<Question[]> {
  return types.reduce<fc.Arbitrary<Question[]>>(
    (acc, type, index) => acc.chain((done) => question(`${prefix}${index}`, type, [...given, ...done.map((q) => ({ id: q.id, type: q.type }))]).map((q) => [...done, q])),
    fc.constant([]),
  );
}

const definitionArb: fc.Arbitrary<Definition> = fc
  .tuple(fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom(...TYPES), { maxLength: 4 }), fc.nat(2), fc.nat(3))
  .chain(([householdTypes, memberTypes, min, extra]) =>
    questions('h', householdTypes, []).chain((household) => {
      const householdRefs = household.map((q) => ({ id: q.id, type: q.type }));
      const birthYear: Ref = { id: 'birth_year', type: 'integer' };
      const age: Ref = { id: 'age', type: 'integer' };
      return questions('m', memberTypes, [...householdRefs, age, birthYear]).chain((members) => {
        const memberRefs = [birthYear, age, ...members.map((q) => ({ id: q.id, type: q.type }))];
        const rule = (refs: Ref[], i: number) => fc.record({ when: fc.oneof(condition(refs), fc.constant<Condition>({ all: [] })), then: condition(refs) }).map(({ when, then }): Rule => ({ id: `r${i}`, when, then, message: label }));
        const rules = fc.tuple(fc.array(rule(householdRefs, 0), { maxLength: 2 }), fc.array(rule([...memberRefs, ...householdRefs], 0), { maxLength: 2 }))
          .map(([h, m]) => [...h, ...m].map((r, i) => ({ ...r, id: `r${i}` })));
        return rules.map((allRules): Definition => ({
          id: 'random', version: 1, title: label, household,
          members: { min, max: Math.max(1, min + extra), questions: [{ id: 'birth_year', type: 'integer', label, required: true, min: 1900 }, ...members] },
          choices: { l: VALUES.map((value) => ({ value, label })) }, rules: allRules, indicators: [],
        }));
      });
    }),
  );

const GOOD: Record<QuestionType, unknown[]> = {
  yes_no: [true, false],
  integer: [0, 5, 15],
  decimal: [0, 5, 15.5],
  text: ['a', ' b ', 'c'],
  phone: ['0912345678'],
  select_one: ['a', 'b', 'c'],
  select_multiple: [['a'], ['b', 'c']],
};
const BAD: Record<QuestionType, unknown[]> = {
  yes_no: ['yes'],
  integer: [25, -3, 2.5, '5'],
  decimal: [25, -3, 'x'],
  text: ['abcd', '  ', 7],
  phone: ['123'],
  select_one: ['z', ['a']],
  select_multiple: [[], ['a', 'a'], ['z'], 'a'],
};
function answersFor(qs: Question[]): fc.Arbitrary<Record<string, unknown>> {
  const one = (q: Question) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 8, arbitrary: fc.constantFrom(...GOOD[q.type]) }, { weight: 1, arbitrary: fc.constantFrom(...BAD[q.type]) });
  return fc.tuple(...qs.map(one), fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }))
    .map((values) => {
      const out: Record<string, unknown> = {};
      qs.forEach((q, i) => { if (values[i] !== undefined) out[q.id] = values[i]; });
      if (values[qs.length]) out.unknown = 1;
      return out;
    });
}
const BIRTH_YEARS = [YEAR - 80, YEAR - 30, YEAR - 15, YEAR - 14, YEAR - 5, YEAR, YEAR - 40, YEAR - 15, YEAR + 1, 1899];
const caseArb = definitionArb.chain((definition) =>
  fc.record({
    definition: fc.constant(definition),
    household: answersFor(definition.household),
    members: fc.array(fc.tuple(answersFor(definition.members.questions.slice(1)), fc.constantFrom(...BIRTH_YEARS, undefined)), { minLength: Math.max(0, definition.members.min - 1), maxLength: definition.members.max + 1 })
      .map((ms) => ms.map(([m, birthYear]) => (birthYear === undefined ? m : { birth_year: birthYear, ...m }))),
  }),
);

// ---- the naive reading ------------------------------------------------------------------------------------
type Get = (q: string) => unknown;
const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
function holds(cond: Condition, get: Get): boolean {
  if ('all' in cond) return cond.all.every((c) => holds(c, get));
  if ('any' in cond) return cond.any.some((c) => holds(c, get));
  if ('not' in cond) return !holds(cond.not, get);
  const v = get(cond.q);
  if (empty(v)) return false;
  const c = cond as unknown as Record<string, unknown>;
  if ('eq' in c) return v === c.eq;
  if ('ne' in c) return !Array.isArray(v) && v !== c.ne;
  if ('gt' in c) return typeof v === 'number' && v > (c.gt as number);
  if ('gte' in c) return typeof v === 'number' && v >= (c.gte as number);
  if ('lt' in c) return typeof v === 'number' && v < (c.lt as number);
  if ('lte' in c) return typeof v === 'number' && v <= (c.lte as number);
  if ('in' in c) return Array.isArray(v) ? v.some((x) => (c.in as unknown[]).includes(x)) : (c.in as unknown[]).includes(v);
  if ('selected' in c) return Array.isArray(v) ? v.includes(c.selected) : v === c.selected;
  return false;
}

function wellFormed(q: Question, v: unknown): boolean {
  const inRange = (n: number) => (q.min === undefined || n >= q.min) && (q.max === undefined || n <= q.max);
  switch (q.type) {
    case 'yes_no': return typeof v === 'boolean';
    case 'integer': return Number.isInteger(v) && inRange(v as number);
    case 'decimal': return typeof v === 'number' && inRange(v);
    case 'text': return typeof v === 'string' && v.trim() !== '' && v.trim().length <= (q.maxLength ?? Infinity);
    case 'phone': return typeof v === 'string' && /^0\d{9}$/.test(v);
    case 'select_one': return VALUES.includes(v as string);
    case 'select_multiple': return Array.isArray(v) && v.length === new Set(v).size && v.every((x) => VALUES.includes(x));
  }
}

function naiveIssuePaths(def: Definition, household: Record<string, unknown>, members: Record<string, unknown>[]): string[] {
  const shape: string[] = [];
  const group = (qs: Question[], answers: Record<string, unknown>, path: string) => {
    for (const q of qs) {
      const v = answers[q.id];
      if (v === undefined ? q.required && !q.relevant : !wellFormed(q, v)) shape.push(`${path}.${q.id}`);
    }
    for (const key of Object.keys(answers)) if (!qs.some((q) => q.id === key)) shape.push(`${path}.${key}`);
  };
  group(def.household, household, 'household');
  members.forEach((m, i) => group(def.members.questions, m, `members.${i}`));
  if (members.length < def.members.min || members.length > def.members.max) shape.push('members');
  if (shape.length) return shape;

  const trim = (a: Record<string, unknown>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
  const h = trim(household);
  const issues: string[] = [];
  const memberIds = new Set(['age', ...def.members.questions.map((q) => q.id)]);
  const refs = (c: Condition): string[] => ('all' in c ? c.all.flatMap(refs) : 'any' in c ? c.any.flatMap(refs) : 'not' in c ? refs(c.not) : [(c as { q: string }).q]);
  const isMemberRule = (r: Rule) => [...refs(r.when), ...refs(r.then)].some((q) => memberIds.has(q));
  const ruleAt = (r: Rule, own: (q: string) => boolean) => {
    const q = refs(r.then).find(own) ?? refs(r.when).find(own);
    return q === 'age' ? 'birth_year' : q;
  };
  const presence = (qs: Question[], a: Record<string, unknown>, get: Get, path: string) => {
    for (const q of qs) {
      if (!q.relevant) continue;
      const asked = holds(q.relevant, get);
      if (asked && q.required && a[q.id] === undefined) issues.push(`${path}.${q.id}`);
      if (!asked && a[q.id] !== undefined) issues.push(`${path}.${q.id}`);
    }
  };
  const broken = (r: Rule, get: Get) => holds(r.when, get) && !holds(r.then, get);
  presence(def.household, h, (q) => h[q], 'household');
  for (const r of def.rules.filter((r) => !isMemberRule(r))) if (broken(r, (q) => h[q])) issues.push(`household.${ruleAt(r, (q) => !memberIds.has(q)) ?? ''}`.replace(/\.$/, ''));
  members.map(trim).forEach((m, i) => {
    const age = typeof m.birth_year === 'number' ? YEAR - m.birth_year : undefined;
    const get: Get = (q) => (q === 'age' ? age : memberIds.has(q) ? m[q] : h[q]);
    const at = (r: Rule) => `members.${i}.${ruleAt(r, (q) => memberIds.has(q)) ?? ''}`.replace(/\.$/, '');
    const ageRules = def.rules.filter((r) => isMemberRule(r) && [...refs(r.when), ...refs(r.then)].includes('age'));
    const failedAge = ageRules.filter((r) => broken(r, get));
    if (failedAge.length) return void issues.push(...failedAge.map(at));
    presence(def.members.questions, m, get, `members.${i}`);
    for (const r of def.rules.filter((r) => isMemberRule(r) && !ageRules.includes(r))) if (broken(r, get)) issues.push(at(r));
  });
  return issues;
}

const distinctSorted = (paths: string[]) => [...new Set(paths)].sort();

describe('validateAnswers on random definitions', () => {
  it('random definitions made by the rules pass checkDefinition', () => {
    fc.assert(fc.property(definitionArb, (definition) => {
      expect(checkDefinition(definition)).toMatchObject({ ok: true });
    }), { numRuns: 300 });
  });

  it('agrees with a naive reading of the definition on which answers are wrong, and where', () => {
    fc.assert(
      fc.property(caseArb, ({ definition, household, members }) => {
        const result = validateAnswers(definition, { household, members }, { referenceYear: YEAR });
        const expected = distinctSorted(naiveIssuePaths(definition, household, members));
        expect(result.ok ? [] : distinctSorted(result.issues.map((i) => i.path))).toEqual(expected);
        expect(result.ok).toBe(expected.length === 0);
      }),
      { numRuns: 1500 },
    );
  }, 60_000);
});

describe('the random cases', () => {
  it('reach the relevance and rule checks, not only shape errors', () => {
    const results = fc.sample(caseArb, 400).map(({ definition, household, members }) => validateAnswers(definition, { household, members }, { referenceYear: YEAR }));
    const valid = results.filter((r) => r.ok).length;
    const beyondShape = results.filter((r) => !r.ok && r.issues.some((i) => i.key === 'questionnaire.rule' || i.key.startsWith('questionnaire.not_relevant') || i.key === 'validation.required_when_relevant')).length;
    expect(valid).toBeGreaterThan(5);
    expect(beyondShape).toBeGreaterThan(30);
  });
});
