// Random valid definitions with random answers: validateAnswers agrees with a naive, separately written reading
// of the definition (conditions evaluated by walking the tree at each use, nothing compiled or cached).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../shared/questionnaire/check-definition';
import type { Condition, Definition, Question, Rule } from '../../shared/questionnaire/definition';
import { validateAnswers } from '../../shared/questionnaire/validate-answers';
import { caseArb, definitionArb, VALUES, YEAR } from '../support/questionnaire-arbitraries';

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
    case 'yes_no':
      return typeof v === 'boolean';
    case 'integer':
      return Number.isInteger(v) && inRange(v as number);
    case 'decimal':
      return typeof v === 'number' && inRange(v);
    case 'text':
      return typeof v === 'string' && v.trim() !== '' && v.trim().length <= (q.maxLength ?? Infinity);
    case 'phone':
      return typeof v === 'string' && /^0\d{9}$/.test(v);
    case 'select_one':
      return VALUES.includes(v as string);
    case 'select_multiple':
      return Array.isArray(v) && v.length === new Set(v).size && v.every((x) => VALUES.includes(x));
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
  for (const [i, m] of members.entries()) group(def.members.questions, m, `members.${i}`);
  if (members.length < def.members.min || members.length > def.members.max) shape.push('members');
  if (shape.length) return shape;

  const trim = (a: Record<string, unknown>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
  const h = trim(household);
  const issues: string[] = [];
  const memberIds = new Set(['age', ...def.members.questions.map((q) => q.id)]);
  const refs = (c: Condition): string[] =>
    'all' in c ? c.all.flatMap(refs) : 'any' in c ? c.any.flatMap(refs) : 'not' in c ? refs(c.not) : [(c as { q: string }).q];
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
  for (const r of def.rules.filter((r) => !isMemberRule(r)))
    if (broken(r, (q) => h[q])) issues.push(`household.${ruleAt(r, (q) => !memberIds.has(q)) ?? ''}`.replace(/\.$/, ''));
  for (const [i, m] of members.map(trim).entries()) {
    const age = typeof m.birth_year === 'number' ? YEAR - m.birth_year : undefined;
    const get: Get = (q) => (q === 'age' ? age : memberIds.has(q) ? m[q] : h[q]);
    const at = (r: Rule) => `members.${i}.${ruleAt(r, (q) => memberIds.has(q)) ?? ''}`.replace(/\.$/, '');
    const ageRules = def.rules.filter((r) => isMemberRule(r) && [...refs(r.when), ...refs(r.then)].includes('age'));
    const failedAge = ageRules.filter((r) => broken(r, get));
    if (failedAge.length) {
      issues.push(...failedAge.map(at));
      continue;
    }
    presence(def.members.questions, m, get, `members.${i}`);
    for (const r of def.rules.filter((r) => isMemberRule(r) && !ageRules.includes(r))) if (broken(r, get)) issues.push(at(r));
  }
  return issues;
}

const distinctSorted = (paths: string[]) => [...new Set(paths)].sort();

describe('validateAnswers on random definitions', () => {
  it('random definitions made by the rules pass checkDefinition', () => {
    fc.assert(
      fc.property(definitionArb, (definition) => {
        expect(checkDefinition(definition)).toMatchObject({ ok: true });
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a naive reading of the definition on which answers are wrong, and where', () => {
    fc.assert(
      fc.property(caseArb, ({ definition, household, members }) => {
        const result = validateAnswers(definition, { household, members }, { referenceYear: YEAR });
        const expected = distinctSorted(naiveIssuePaths(definition, household, members));
        expect(result.ok ? [] : distinctSorted(result.issues.map((i) => i.path))).toEqual(expected);
        expect(result.ok).toBe(expected.length === 0);
      }),
      { numRuns: 800 },
    );
  }, 60_000);
});

describe('the random cases', () => {
  it('reach the relevance and rule checks, not only shape errors', () => {
    const results = fc
      .sample(caseArb, { numRuns: 400, seed: 2026 })
      .map(({ definition, household, members }) => validateAnswers(definition, { household, members }, { referenceYear: YEAR }));
    const valid = results.filter((r) => r.ok).length;
    const beyondShape = results.filter(
      (r) =>
        !r.ok &&
        r.issues.some((i) => i.key === 'questionnaire.rule' || i.key.startsWith('questionnaire.not_relevant') || i.key === 'validation.required_when_relevant'),
    ).length;
    expect(valid).toBeGreaterThan(5);
    expect(beyondShape).toBeGreaterThan(30);
  });
});
