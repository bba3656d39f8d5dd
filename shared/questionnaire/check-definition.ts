// The consistency check a definition passes before it can be published: every problem listed with its JSON
// path, none fixed silently. The validator and the indicator fold assume a definition that passed.
import { referencesOf } from './condition';
import { AGE, BIRTH_YEAR, type Comparison, type Condition, type Definition, DefinitionSchema, isComparison, operatorOf, type Question } from './definition';
import type { QuestionnaireIssue, Result } from './issues';

type Context = 'household' | 'member' | 'either';
type Issues = QuestionnaireIssue[];

/**
 * Parses and checks a definition (JSON already parsed). `previousVersions` are the published versions of the
 * same survey id: a question id keeps its type across them.
 */
export function checkDefinition(input: unknown, previousVersions: readonly Definition[] = []): Result<Definition> {
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.flatMap((issue): Issues => {
        const path = issue.path.map(String).join('.');
        if (issue.code === 'unrecognized_keys')
          return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, key: 'validation.unrecognized_key', params: { key } }));
        if (issue.code === 'custom' && issue.message.startsWith('questionnaire.')) return [{ path, key: issue.message }];
        return [{ path, key: 'questionnaire.invalid_field', params: { code: issue.code } }];
      }),
    };
  }
  const definition = parsed.data;
  const issues: Issues = [];
  const questions = indexQuestions(definition, issues);
  checkQuestions(definition, questions, issues);
  checkConditions(definition, questions, issues);
  checkCircularRelevance(definition, issues);
  checkDuplicates(
    definition.rules.map((r) => r.id),
    'rules',
    issues,
  );
  checkDuplicates(
    definition.indicators.map((i) => i.id),
    'indicators',
    issues,
  );
  checkPreviousVersions(definition, previousVersions, issues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: definition };
}

/**
 * Checks a round's own indicator list (`PUT /api/rounds/{id}/indicators`) against the definition its
 * conditions read; issue paths start `indicators.<i>`.
 */
export function checkIndicators(definition: Definition, indicators: unknown): Result<Definition['indicators']> {
  const checked = checkDefinition({ ...definition, indicators });
  if (checked.ok) return { ok: true, value: checked.value.indicators };
  return { ok: false, issues: checked.issues.filter((issue) => issue.path.startsWith('indicators')) };
}

interface Located {
  question: Question;
  context: 'household' | 'member';
  path: string;
}

function indexQuestions(definition: Definition, issues: Issues): Map<string, Located> {
  const questions = new Map<string, Located>();
  const add = (question: Question, context: 'household' | 'member', path: string) => {
    if (question.id === AGE) issues.push({ path: `${path}.id`, key: 'questionnaire.reserved_id', params: { id: AGE } });
    else if (questions.has(question.id)) issues.push({ path: `${path}.id`, key: 'questionnaire.duplicate_id', params: { id: question.id } });
    else questions.set(question.id, { question, context, path });
  };
  definition.household.forEach((q, i) => {
    add(q, 'household', `household.${i}`);
  });
  definition.members.questions.forEach((q, i) => {
    add(q, 'member', `members.questions.${i}`);
  });
  return questions;
}

function checkQuestions(definition: Definition, questions: Map<string, Located>, issues: Issues): void {
  if (definition.members.min > definition.members.max)
    issues.push({ path: 'members.min', key: 'questionnaire.min_above_max', params: { min: definition.members.min, max: definition.members.max } });
  for (const { question: q, path } of questions.values()) {
    const numeric = q.type === 'integer' || q.type === 'decimal';
    const select = q.type === 'select_one' || q.type === 'select_multiple';
    if (!numeric && (q.min !== undefined || q.max !== undefined))
      issues.push({ path: `${path}.${q.min !== undefined ? 'min' : 'max'}`, key: 'questionnaire.range_not_number', params: { id: q.id } });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max)
      issues.push({ path: `${path}.min`, key: 'questionnaire.min_above_max', params: { min: q.min, max: q.max } });
    if (q.maxLength !== undefined && q.type !== 'text')
      issues.push({ path: `${path}.maxLength`, key: 'questionnaire.max_length_not_text', params: { id: q.id } });
    if (select && !q.choices) issues.push({ path: `${path}.choices`, key: 'questionnaire.choices_missing', params: { id: q.id } });
    if (select && q.choices && !definition.choices[q.choices])
      issues.push({ path: `${path}.choices`, key: 'questionnaire.unknown_choice_list', params: { list: q.choices } });
    if (!select && q.choices) issues.push({ path: `${path}.choices`, key: 'questionnaire.choices_not_select', params: { id: q.id } });
  }
  for (const [list, items] of Object.entries(definition.choices)) {
    checkDuplicates(
      items.map((c) => c.value),
      `choices.${list}`,
      issues,
      'value',
    );
  }
  const birthYear = questions.get(BIRTH_YEAR);
  const usesAge = allConditions(definition).some(({ cond }) => referencesOf(cond).includes(AGE));
  if (usesAge && (birthYear?.context !== 'member' || birthYear.question.type !== 'integer')) {
    issues.push({ path: 'members.questions', key: 'questionnaire.age_needs_birth_year', params: { id: BIRTH_YEAR } });
  }
}

function allConditions(definition: Definition): { cond: Condition; path: string; context: Context }[] {
  const out: { cond: Condition; path: string; context: Context }[] = [];
  definition.household.forEach((q, i) => {
    if (q.relevant) out.push({ cond: q.relevant, path: `household.${i}.relevant`, context: 'household' });
  });
  definition.members.questions.forEach((q, i) => {
    if (q.relevant) out.push({ cond: q.relevant, path: `members.questions.${i}.relevant`, context: 'member' });
  });
  definition.rules.forEach((r, i) => {
    out.push({ cond: r.when, path: `rules.${i}.when`, context: 'either' });
    out.push({ cond: r.then, path: `rules.${i}.then`, context: 'either' });
  });
  definition.indicators.forEach((ind, i) => {
    const context = ind.unit === 'person' ? 'member' : 'household';
    if (ind.population) out.push({ cond: ind.population, path: `indicators.${i}.population`, context });
    out.push({ cond: ind.numerator, path: `indicators.${i}.numerator`, context });
  });
  return out;
}

function checkConditions(definition: Definition, questions: Map<string, Located>, issues: Issues): void {
  for (const { cond, path, context } of allConditions(definition)) {
    walk(cond, path, (c, at) => checkComparison(c, at, context, questions, definition, issues));
  }
}

function walk(cond: Condition, path: string, visit: (c: Comparison, path: string) => void): void {
  if ('all' in cond || 'any' in cond) {
    const [key, parts] = 'all' in cond ? ['all', cond.all] : ['any', cond.any];
    for (const [i, c] of parts.entries()) walk(c, `${path}.${key}.${i}`, visit);
  } else if ('not' in cond) walk(cond.not, `${path}.not`, visit);
  else if (isComparison(cond)) visit(cond, path);
}

const NUMBER_OPS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in']);

function checkComparison(c: Comparison, path: string, context: Context, questions: Map<string, Located>, definition: Definition, issues: Issues): void {
  const [op, operand] = operatorOf(c);
  const at = `${path}.${op}`;
  const located = questions.get(c.q);
  if (c.q !== AGE && !located) return void issues.push({ path: `${path}.q`, key: 'questionnaire.unknown_question', params: { q: c.q } });
  const isMemberSide = c.q === AGE || located?.context === 'member';
  if (context === 'household' && isMemberSide) return void issues.push({ path: `${path}.q`, key: 'questionnaire.wrong_scope', params: { q: c.q } });
  const type = c.q === AGE || !located ? 'integer' : located.question.type;
  const operands = op === 'in' ? (operand as unknown[]) : [operand];
  const wrongOp = () => issues.push({ path: at, key: 'questionnaire.operator_not_for_type', params: { q: c.q, op, type } });
  const wrongOperand = () => issues.push({ path: at, key: 'questionnaire.operand_type', params: { q: c.q, op, type } });
  switch (type) {
    case 'yes_no':
      if (op !== 'eq' && op !== 'ne') return void wrongOp();
      if (typeof operand !== 'boolean') wrongOperand();
      return;
    case 'integer':
    case 'decimal':
      if (!NUMBER_OPS.has(op)) return void wrongOp();
      if (!operands.every((v) => typeof v === 'number')) wrongOperand();
      return;
    case 'text':
    case 'phone':
      if (op !== 'eq' && op !== 'ne' && op !== 'in') return void wrongOp();
      if (!operands.every((v) => typeof v === 'string')) wrongOperand();
      return;
    case 'select_one':
    case 'select_multiple': {
      const allowed = type === 'select_one' ? ['eq', 'ne', 'in', 'selected'] : ['in', 'selected'];
      if (!allowed.includes(op)) return void wrongOp();
      const list = definition.choices[located?.question.choices ?? ''];
      if (!list) return;
      for (const value of operands) {
        if (typeof value !== 'string') wrongOperand();
        else if (!list.some((choice) => choice.value === value)) issues.push({ path: at, key: 'questionnaire.unknown_choice', params: { q: c.q, value } });
      }
    }
  }
}

/** A question whose relevance depends, through others' relevance, on itself can never be decided. */
function checkCircularRelevance(definition: Definition, issues: Issues): void {
  const all = [
    ...definition.household.map((q, i) => ({ q, path: `household.${i}` })),
    ...definition.members.questions.map((q, i) => ({ q, path: `members.questions.${i}` })),
  ];
  const edges = new Map(all.map(({ q }) => [q.id, referencesOf(q.relevant).filter((r) => r !== AGE)]));
  for (const { q, path } of all) {
    const cycle = findCycle(q.id, edges);
    if (cycle) issues.push({ path: `${path}.relevant`, key: 'questionnaire.circular_relevance', params: { id: q.id, cycle: cycle.join(' → ') } });
  }
}

function findCycle(start: string, edges: Map<string, string[]>): string[] | undefined {
  const seen = new Set<string>();
  const visit = (id: string, trail: string[]): string[] | undefined => {
    for (const next of edges.get(id) ?? []) {
      if (next === start) return [...trail, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = visit(next, [...trail, next]);
      if (found) return found;
    }
    return undefined;
  };
  return visit(start, [start]);
}

function checkDuplicates(values: string[], path: string, issues: Issues, field = 'id'): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value))
      issues.push({
        path: `${path}.${i}.${field}`,
        key: field === 'id' ? 'questionnaire.duplicate_id' : 'questionnaire.duplicate_choice',
        params: { [field]: value },
      });
    seen.add(value);
  });
}

function checkPreviousVersions(definition: Definition, previous: readonly Definition[], issues: Issues): void {
  const here = new Map<string, { q: Question; path: string }>();
  definition.household.forEach((q, i) => {
    here.set(q.id, { q, path: `household.${i}` });
  });
  definition.members.questions.forEach((q, i) => {
    here.set(q.id, { q, path: `members.questions.${i}` });
  });
  for (const old of previous) {
    for (const before of [...old.household, ...old.members.questions]) {
      const now = here.get(before.id);
      if (now && now.q.type !== before.type) {
        issues.push({
          path: `${now.path}.type`,
          key: 'questionnaire.type_changed',
          params: { id: before.id, from: before.type, to: now.q.type, version: old.version },
        });
      }
    }
  }
}
