// Answers checked against a definition: shape first (types, ranges, unknown keys, members count), then, on
// shape-valid answers, relevance (required when asked, absent when not) and the definition's rules.
import { type CompiledDefinition, type CompiledQuestion, type CompiledRule, compileDefinition } from './compile';
import type { Scope } from './condition';
import { BIRTH_YEAR, type Definition } from './definition';
import type { QuestionnaireIssue, Result } from './issues';

export type Answers = Record<string, unknown>;
export interface SurveyAnswers {
  household: Answers;
  members: Answers[];
}

export interface ValidateOptions {
  /** The round's reference year: age = referenceYear − birth_year. */
  referenceYear: number;
  /** Top-level keys that belong to the caller's envelope (`roundId`, `wardCode`…): ignored, not refused. */
  allowKeys?: readonly string[];
  /**
   * Also check relevance and rules when some answers have the wrong shape, on the answers whose shape is right
   * (a form shows every problem at once; the API stops at shape issues). Issues may then repeat a path.
   */
  everyIssue?: boolean;
}

type Issues = QuestionnaireIssue[];
const isObject = (v: unknown): v is Answers => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates `{ household, members }` against a definition. On success the answers come back normalised
 * (text trimmed, only the definition's questions); otherwise every issue, shape issues alone when there are any.
 */
export function validateAnswers(definition: Definition | CompiledDefinition, body: unknown, options: ValidateOptions): Result<SurveyAnswers> {
  const compiled = 'locate' in definition ? definition : compileDefinition(definition);
  const issues: Issues = [];
  if (!isObject(body)) return { ok: false, issues: [{ path: '', key: 'validation.invalid_type.object' }] };
  const allowed = options.allowKeys ?? [];
  for (const key of Object.keys(body)) {
    if (key !== 'household' && key !== 'members' && !allowed.includes(key) && body[key] !== undefined)
      issues.push({ path: key, key: 'validation.unrecognized_key', params: { key } });
  }
  const household = shapeOfGroup(compiled.household, compiled.householdIds, body.household, 'household', issues);
  const members = shapeOfMembers(compiled, body.members, issues);
  if (!household || !members || (issues.length > 0 && !options.everyIssue)) return { ok: false, issues };
  checkHousehold(compiled, household, issues, { referenceYear: options.referenceYear });
  members.forEach((member, index) => {
    checkMember(compiled, household, member, index, options.referenceYear, issues);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { household, members } };
}

function shapeOfMembers(compiled: CompiledDefinition, input: unknown, issues: Issues): Answers[] | undefined {
  if (input === undefined) return void issues.push({ path: 'members', key: 'validation.required' });
  if (!Array.isArray(input)) return void issues.push({ path: 'members', key: 'validation.invalid_type.array' });
  const members = input.map((member, index) => shapeOfGroup(compiled.members, compiled.memberIds, member, `members.${index}`, issues));
  const { min, max } = compiled.definition.members;
  if (input.length < min) issues.push({ path: 'members', key: 'validation.too_small.array', params: { minimum: String(min) } });
  if (input.length > max) issues.push({ path: 'members', key: 'validation.too_big.array', params: { maximum: String(max) } });
  return members.every((m) => m !== undefined) ? (members as Answers[]) : undefined;
}

function shapeOfGroup(questions: CompiledQuestion[], ids: Set<string>, input: unknown, path: string, issues: Issues): Answers | undefined {
  if (input === undefined) return void issues.push({ path, key: 'validation.required' });
  if (!isObject(input)) return void issues.push({ path, key: 'validation.invalid_type.object' });
  const out: Answers = {};
  for (const question of questions) {
    const value = input[question.id];
    if (value === undefined) {
      if (question.alwaysRequired) issues.push({ path: `${path}.${question.id}`, key: 'validation.required' });
      continue;
    }
    const checked = question.check(value);
    if ('value' in checked) out[question.id] = checked.value;
    else issues.push({ path: `${path}.${question.id}`, ...checked });
  }
  for (const key in input) {
    if (!ids.has(key) && input[key] !== undefined) issues.push({ path: `${path}.${key}`, key: 'validation.unrecognized_key', params: { key } });
  }
  return out;
}

function checkHousehold(compiled: CompiledDefinition, household: Answers, issues: Issues, params: Record<string, number>): void {
  const scope: Scope = { household };
  checkRelevance(compiled.household, household, scope, 'household', issues);
  checkRules(compiled.householdRules, scope, 'household', issues, params);
}

function checkMember(compiled: CompiledDefinition, household: Answers, member: Answers, index: number, referenceYear: number, issues: Issues): void {
  const birthYear = member[BIRTH_YEAR];
  const scope: Scope = { household, member, age: typeof birthYear === 'number' ? referenceYear - birthYear : undefined };
  const path = `members.${index}`;
  const params = { referenceYear };
  // A member whose age is itself wrong (born after the reference year) gets only that issue: asking by age
  // cannot be judged for it.
  const before = issues.length;
  checkRules(compiled.memberRules, scope, path, issues, params, true);
  if (issues.length > before) return;
  checkRelevance(compiled.members, member, scope, path, issues);
  checkRules(compiled.memberRules, scope, path, issues, params, false);
}

function checkRelevance(questions: CompiledQuestion[], answers: Answers, scope: Scope, path: string, issues: Issues): void {
  for (const question of questions) {
    if (!question.relevant) continue;
    const asked = question.relevant(scope);
    const present = answers[question.id] !== undefined;
    if (asked && question.question.required && !present) issues.push({ path: `${path}.${question.id}`, key: 'validation.required_when_relevant' });
    else if (!asked && present) issues.push({ path: `${path}.${question.id}`, ...question.notRelevant });
  }
}

function checkRules(rules: CompiledRule[], scope: Scope, path: string, issues: Issues, params: Record<string, string | number>, readsAge?: boolean): void {
  for (const rule of rules) {
    if (readsAge !== undefined && rule.readsAge !== readsAge) continue;
    if (rule.when(scope) && !rule.then(scope)) {
      issues.push({
        path: rule.at ? `${path}.${rule.at}` : path,
        key: 'questionnaire.rule',
        params: { rule: rule.rule.id, ...params },
        text: rule.rule.message,
      });
    }
  }
}
