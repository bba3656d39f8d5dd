// Conditions compiled against a row of slots instead of answer objects: the indicator fold copies the answers
// its conditions read into one array per member once, then every condition reads by index. Keyed reads of
// answer objects by a variable id were most of the fold's time (30 indicators × members × comparisons).
import { comparator, isEmpty } from './condition';
import { type Condition, isComparison, operatorOf } from './definition';

export type RowPredicate = (row: readonly unknown[]) => boolean;

const TRUE: RowPredicate = () => true;
const FALSE: RowPredicate = () => false;

/** Compiles a condition over rows; `slotOf` gives each question id's (or `age`'s) index, undefined if unknown. */
export function compileRowCondition(cond: Condition, slotOf: (q: string) => number | undefined): RowPredicate {
  if ('all' in cond) {
    const parts = cond.all.map((c) => compileRowCondition(c, slotOf));
    if (parts.length === 0) return TRUE;
    if (parts.length === 1) return parts[0];
    if (parts.length === 2) {
      const [a, b] = parts;
      return (row) => a(row) && b(row);
    }
    return (row) => parts.every((p) => p(row));
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compileRowCondition(c, slotOf));
    if (parts.length === 0) return FALSE;
    if (parts.length === 1) return parts[0];
    if (parts.length === 2) {
      const [a, b] = parts;
      return (row) => a(row) || b(row);
    }
    return (row) => parts.some((p) => p(row));
  }
  if ('not' in cond) {
    const inner = compileRowCondition(cond.not, slotOf);
    return (row) => !inner(row);
  }
  if (!isComparison(cond)) return FALSE;
  const slot = slotOf(cond.q);
  if (slot === undefined) return FALSE;
  const [op, operand] = operatorOf(cond);
  if (op === 'eq' && operand !== '' && !Array.isArray(operand)) return (row) => row[slot] === operand;
  if (typeof operand === 'number') {
    if (op === 'gte') return (row) => typeof row[slot] === 'number' && (row[slot] as number) >= operand;
    if (op === 'gt') return (row) => typeof row[slot] === 'number' && (row[slot] as number) > operand;
    if (op === 'lt') return (row) => typeof row[slot] === 'number' && (row[slot] as number) < operand;
    if (op === 'lte') return (row) => typeof row[slot] === 'number' && (row[slot] as number) <= operand;
  }
  const test = comparator(op, operand);
  return (row) => {
    const value = row[slot];
    return !isEmpty(value) && test(value);
  };
}
