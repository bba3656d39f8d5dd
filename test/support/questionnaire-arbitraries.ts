// fast-check arbitraries of valid questionnaire definitions and of answers to them (used by the property tests).
import fc from 'fast-check';
import type { Condition, Definition, Question, QuestionType, Rule } from '../../shared/questionnaire/definition';

export const YEAR = 2025;
export const VALUES = ['a', 'b', 'c'];
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
  return fc
    .record({
      required: fc.boolean(),
      relevant: earlier.length ? fc.option(condition(earlier), { nil: undefined }) : fc.constant(undefined),
      bound: fc.boolean(),
    })
    .map(({ required, relevant, bound }) => {
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
    (acc, type, index) =>
      acc.chain((done) => question(`${prefix}${index}`, type, [...given, ...done.map((q) => ({ id: q.id, type: q.type }))]).map((q) => [...done, q])),
    fc.constant([]),
  );
}

export const definitionArb: fc.Arbitrary<Definition> = fc
  .tuple(fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom(...TYPES), { maxLength: 4 }), fc.nat(2), fc.nat(3))
  .chain(([householdTypes, memberTypes, min, extra]) =>
    questions('h', householdTypes, []).chain((household) => {
      const householdRefs = household.map((q) => ({ id: q.id, type: q.type }));
      const birthYear: Ref = { id: 'birth_year', type: 'integer' };
      const age: Ref = { id: 'age', type: 'integer' };
      return questions('m', memberTypes, [...householdRefs, age, birthYear]).chain((members) => {
        const memberRefs = [birthYear, age, ...members.map((q) => ({ id: q.id, type: q.type }))];
        const rule = (refs: Ref[], i: number) =>
          fc
            .record({ when: fc.oneof(condition(refs), fc.constant<Condition>({ all: [] })), then: condition(refs) })
            .map(({ when, then }): Rule => ({ id: `r${i}`, when, then, message: label }));
        const rules = fc
          .tuple(fc.array(rule(householdRefs, 0), { maxLength: 2 }), fc.array(rule([...memberRefs, ...householdRefs], 0), { maxLength: 2 }))
          .map(([h, m]) => [...h, ...m].map((r, i) => ({ ...r, id: `r${i}` })));
        return rules.map(
          (allRules): Definition => ({
            id: 'random',
            version: 1,
            title: label,
            household,
            members: { min, max: Math.max(1, min + extra), questions: [{ id: 'birth_year', type: 'integer', label, required: true, min: 1900 }, ...members] },
            choices: { l: VALUES.map((value) => ({ value, label })) },
            rules: allRules,
            indicators: [],
          }),
        );
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
  const one = (q: Question) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 8, arbitrary: fc.constantFrom(...GOOD[q.type]) },
      { weight: 1, arbitrary: fc.constantFrom(...BAD[q.type]) },
    );
  return fc.tuple(...qs.map(one), fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })).map((values) => {
    const out: Record<string, unknown> = {};
    qs.forEach((q, i) => {
      if (values[i] !== undefined) out[q.id] = values[i];
    });
    if (values[qs.length]) out.unknown = 1;
    return out;
  });
}
const BIRTH_YEARS = [YEAR - 80, YEAR - 30, YEAR - 15, YEAR - 14, YEAR - 5, YEAR, YEAR - 40, YEAR - 15, YEAR + 1, 1899];
export const caseArb = definitionArb.chain((definition) =>
  fc.record({
    definition: fc.constant(definition),
    household: answersFor(definition.household),
    members: fc
      .array(fc.tuple(answersFor(definition.members.questions.slice(1)), fc.constantFrom(...BIRTH_YEARS, undefined)), {
        minLength: Math.max(0, definition.members.min - 1),
        maxLength: definition.members.max + 1,
      })
      .map((ms) => ms.map(([m, birthYear]) => (birthYear === undefined ? m : { birth_year: birthYear, ...m }))),
  }),
);
