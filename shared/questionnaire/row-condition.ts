// Conditions compiled against a row of slots instead of answer objects: the indicator fold copies the answers
// its conditions read into one array per member once, then every condition reads by index. Keyed reads of
// answer objects by a variable id were most of the fold's time (30 indicators × members × comparisons).
import { comparator, compileTree, isEmpty } from './condition';
import { type Condition, operatorOf } from './definition';

export type RowPredicate = (row: readonly unknown[]) => boolean;

/** Compiles a condition over rows; `slotOf` gives each question id's (or `age`'s) index, undefined if unknown. */
export function compileRowCondition(cond: Condition, slotOf: (q: string) => number | undefined): RowPredicate {
  return compileTree<readonly unknown[]>(cond, (c) => {
    const slot = slotOf(c.q);
    if (slot === undefined) return () => false;
    const [op, operand] = operatorOf(c);
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
  });
}
