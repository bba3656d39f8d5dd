// The condition language (relevance, rules, indicators) compiled once into closures, so that the validator
// and the indicator fold evaluate a condition with a few property reads and no tree walk.
import { AGE, type Comparison, type Condition, isComparison, operatorOf, type Scalar } from './definition';

/** The answers a condition sees: the household's, and in member context the member's own and its age. */
export interface Scope {
  household: Record<string, unknown>;
  member?: Record<string, unknown>;
  /** Age in the round's reference year; undefined when unknown (no valid birth year). */
  age?: number;
}

export type Predicate = (scope: Scope) => boolean;
/** Where a question id is answered: in the household, in each member, or the computed age. */
export type Place = 'household' | 'member' | 'age';
export type Locate = (q: string) => Place | undefined;

/** An answer not asked or left blank: every comparison with it is false (XLSForm's rule). */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Compiles the all/any/not structure of a condition around compiled comparisons: the one tree walk behind both
 * answer-object predicates (here) and the fold's slot-row predicates (./row-condition.ts).
 */
export function compileTree<C>(cond: Condition, leaf: (c: Comparison) => (context: C) => boolean): (context: C) => boolean {
  const walk = (c: Condition): ((context: C) => boolean) => {
    if ('all' in c || 'any' in c) {
      const every = 'all' in c;
      const parts = (every ? c.all : c.any).map(walk);
      if (parts.length === 0) return () => every;
      if (parts.length === 1) return parts[0];
      if (parts.length === 2) {
        const [x, y] = parts;
        return every ? (ctx) => x(ctx) && y(ctx) : (ctx) => x(ctx) || y(ctx);
      }
      return every ? (ctx) => parts.every((p) => p(ctx)) : (ctx) => parts.some((p) => p(ctx));
    }
    if ('not' in c) {
      const inner = walk(c.not);
      return (ctx) => !inner(ctx);
    }
    return isComparison(c) ? leaf(c) : () => false;
  };
  return walk(cond);
}

/** Compiles a condition; `locate` tells where each question id lives (unknown ids are never satisfied). */
export function compileCondition(cond: Condition, locate: Locate): Predicate {
  return compileTree<Scope>(cond, (c) => {
    const place = locate(c.q);
    if (!place) return () => false;
    const [op, operand] = operatorOf(c);
    return specialised(c.q, place, op, operand) ?? generic(reader(c.q, place), comparator(op, operand));
  });
}

function generic(read: (s: Scope) => unknown, test: (value: unknown) => boolean): Predicate {
  return (s) => {
    const value = read(s);
    return !isEmpty(value) && test(value);
  };
}

// The hot shapes of the indicator fold (yes/no equality, age bounds) as one closure each: no generic reader,
// no emptiness test (a non-empty operand can only equal a non-empty answer; a number is never empty).
function specialised(q: string, place: Place, op: string, operand: unknown): Predicate | undefined {
  if (op === 'eq' && operand !== '' && !Array.isArray(operand)) {
    if (place === 'member') return (s) => s.member !== undefined && s.member[q] === operand;
    if (place === 'household') return (s) => s.household[q] === operand;
    return (s) => s.age === operand;
  }
  if (place === 'age' && typeof operand === 'number') {
    if (op === 'gte') return (s) => s.age !== undefined && s.age >= operand;
    if (op === 'gt') return (s) => s.age !== undefined && s.age > operand;
    if (op === 'lt') return (s) => s.age !== undefined && s.age < operand;
    if (op === 'lte') return (s) => s.age !== undefined && s.age <= operand;
  }
  return undefined;
}

function reader(q: string, place: Place): (s: Scope) => unknown {
  if (place === 'age') return (s) => s.age;
  if (place === 'household') return (s) => s.household[q];
  return (s) => s.member?.[q];
}

export function comparator(op: string, operand: unknown): (value: unknown) => boolean {
  switch (op) {
    case 'eq':
      return (v) => v === operand;
    case 'ne':
      return (v) => !Array.isArray(v) && v !== operand;
    case 'gt':
      return (v) => typeof v === 'number' && v > (operand as number);
    case 'gte':
      return (v) => typeof v === 'number' && v >= (operand as number);
    case 'lt':
      return (v) => typeof v === 'number' && v < (operand as number);
    case 'lte':
      return (v) => typeof v === 'number' && v <= (operand as number);
    case 'in': {
      const set = new Set(operand as Scalar[]);
      return (v) => (Array.isArray(v) ? v.some((x) => set.has(x)) : set.has(v as Scalar));
    }
    case 'selected':
      return (v) => (Array.isArray(v) ? v.includes(operand) : v === operand);
    default:
      return () => false;
  }
}

/** Every question id (or `age`) a condition reads, in order of appearance, without repeats. */
export function referencesOf(cond: Condition | undefined, into: string[] = []): string[] {
  if (!cond) return into;
  if ('all' in cond) for (const c of cond.all) referencesOf(c, into);
  else if ('any' in cond) for (const c of cond.any) referencesOf(c, into);
  else if ('not' in cond) referencesOf(cond.not, into);
  else if (isComparison(cond) && !into.includes(cond.q)) into.push(cond.q);
  return into;
}

/** Every comparison of a condition, depth first (for checks that look at operands). */
export function comparisonsOf(cond: Condition | undefined, into: Extract<Condition, { q: string }>[] = []) {
  if (!cond) return into;
  if ('all' in cond) for (const c of cond.all) comparisonsOf(c, into);
  else if ('any' in cond) for (const c of cond.any) comparisonsOf(c, into);
  else if ('not' in cond) comparisonsOf(cond.not, into);
  else if (isComparison(cond)) into.push(cond);
  return into;
}

export { AGE };
