// XLSForm expressions ↔ conditions: `${x} = 'yes'`, `${age} >= 15`, `selected(${x}, 'a')`, `and`, `or`, `not()`,
// parentheses, numbers and quoted strings, `.` for the row's own question, `true()` and `false()`. Anything
// else is refused with a reason, never guessed.
import { AGE, type Comparison, type Condition, isComparison, operatorOf, type QuestionType, type Scalar } from './definition';

/** The type of a question a reference names (`age` is an integer), undefined when there is none. */
export type TypeOf = (name: string) => QuestionType | undefined;
export type ParseResult = { ok: true; cond: Condition } | { ok: false; key: string; params: Record<string, string> };

type Token = { kind: 'ref' | 'num' | 'str' | 'op' | 'word' | '(' | ')' | ','; text: string; at: number };
const OPS: Record<string, keyof Comparison> = { '=': 'eq', '!=': 'ne', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' };
const FLIP: Record<string, string> = { '=': '=', '!=': '!=', '>': '<', '>=': '<=', '<': '>', '<=': '>=' };

class ExpressionError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string>,
  ) {
    super(key);
  }
}

function tokenize(source: string, self: string | undefined): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}|(-?\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|(!=|>=|<=|=|>|<)|([A-Za-z_][A-Za-z0-9_-]*)|([(),])|(\.)(?![\d.]))/y;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    pattern.lastIndex = index;
    const m = pattern.exec(source);
    if (!m) throw new ExpressionError('xlsform.bad_expression', { near: source.slice(index).trim().slice(0, 20) });
    const at = index;
    index = pattern.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'ref', text: m[1], at });
    else if (m[2] !== undefined) tokens.push({ kind: 'num', text: m[2], at });
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push({ kind: 'str', text: m[3] ?? m[4], at });
    else if (m[5] !== undefined) tokens.push({ kind: 'op', text: m[5], at });
    else if (m[6] !== undefined) tokens.push({ kind: 'word', text: m[6], at });
    else if (m[7] !== undefined) tokens.push({ kind: m[7] as '(' | ')' | ',', text: m[7], at });
    else if (m[8] !== undefined) {
      if (!self) throw new ExpressionError('xlsform.bad_expression', { near: '.' });
      tokens.push({ kind: 'ref', text: self, at });
    }
  }
  return tokens;
}

/** Parses an XLSForm expression into a condition; `self` is what `.` names (a constraint's own question). */
export function parseExpression(source: string, typeOf: TypeOf, self?: string): ParseResult {
  try {
    const tokens = tokenize(source, self);
    let pos = 0;
    const peek = () => tokens[pos];
    const near = () => ({ near: peek() ? source.slice(peek().at, peek().at + 20).trim() : 'end' });
    const expect = (kind: Token['kind'], text?: string) => {
      const token = tokens[pos];
      if (!token || token.kind !== kind || (text !== undefined && token.text !== text)) throw new ExpressionError('xlsform.bad_expression', near());
      pos += 1;
      return token;
    };
    const isWord = (word: string) => peek()?.kind === 'word' && peek().text === word;
    const chain = (key: 'all' | 'any', word: string, next: () => Condition): Condition => {
      const parts = [next()];
      while (isWord(word)) {
        pos += 1;
        parts.push(next());
      }
      return parts.length === 1 ? parts[0] : ({ [key]: parts } as Condition);
    };
    const expression = (): Condition => chain('any', 'or', () => chain('all', 'and', unary));
    const reference = (name: string) => {
      const type = name === AGE ? 'integer' : typeOf(name);
      if (!type) throw new ExpressionError('xlsform.unknown_reference', { name });
      return type;
    };
    const literal = (token: Token, type: QuestionType, name: string): Scalar => {
      if (token.kind === 'num') {
        if (type !== 'integer' && type !== 'decimal') throw new ExpressionError('xlsform.bad_literal', { name, value: token.text });
        return Number(token.text);
      }
      if (token.kind !== 'str') throw new ExpressionError('xlsform.bad_expression', { near: token.text });
      if (type === 'yes_no') {
        if (token.text !== 'yes' && token.text !== 'no') throw new ExpressionError('xlsform.bad_literal', { name, value: token.text });
        return token.text === 'yes';
      }
      if (type === 'integer' || type === 'decimal') throw new ExpressionError('xlsform.bad_literal', { name, value: token.text });
      return token.text;
    };
    const unary = (): Condition => {
      const token = peek();
      if (!token) throw new ExpressionError('xlsform.bad_expression', { near: 'end' });
      if (token.kind === '(') {
        pos += 1;
        const inner = expression();
        expect(')');
        return inner;
      }
      if (token.kind === 'word') {
        pos += 1;
        expect('(');
        if (token.text === 'not') {
          const inner = expression();
          expect(')');
          return { not: inner };
        }
        if (token.text === 'true' || token.text === 'false') {
          expect(')');
          return token.text === 'true' ? { all: [] } : { any: [] };
        }
        if (token.text === 'selected') {
          const name = expect('ref').text;
          const type = reference(name);
          expect(',');
          const value = literal(expect('str'), type, name);
          expect(')');
          return type === 'yes_no' ? { q: name, eq: value } : { q: name, selected: value as string };
        }
        throw new ExpressionError('xlsform.unsupported_function', { name: token.text });
      }
      // A comparison, either way round: ${x} op literal, or literal op ${x}.
      const left = tokens[pos];
      pos += 1;
      const op = expect('op').text;
      const right = tokens[pos];
      pos += 1;
      if (!right) throw new ExpressionError('xlsform.bad_expression', { near: 'end' });
      const [ref, value, sign] = left.kind === 'ref' ? [left, right, op] : [right, left, FLIP[op]];
      if (ref.kind !== 'ref' || value.kind === 'ref') throw new ExpressionError('xlsform.bad_expression', { near: source.slice(left.at, left.at + 20).trim() });
      const type = reference(ref.text);
      return { q: ref.text, [OPS[sign]]: literal(value, type, ref.text) } as Comparison;
    };
    const cond = expression();
    if (pos < tokens.length) throw new ExpressionError('xlsform.bad_expression', near());
    return { ok: true, cond };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, key: error.key, params: error.params };
    throw error;
  }
}

const SIGN: Record<string, string> = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

function quote(value: Scalar): string {
  if (typeof value === 'boolean') return value ? "'yes'" : "'no'";
  if (typeof value === 'number') return String(value);
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}

/**
 * Prints a condition in XLSForm syntax; parsing the result gives the condition back, or one that means the same
 * (`in` becomes `or`s: `selected()` for a select_multiple per `typeOf`, `=` otherwise).
 */
export function printExpression(cond: Condition, typeOf?: TypeOf): string {
  const group = (c: Condition) => ('all' in c && c.all.length > 1) || ('any' in c && c.any.length > 1);
  const part = (c: Condition) => (group(c) ? `(${printExpression(c, typeOf)})` : printExpression(c, typeOf));
  if ('all' in cond) return cond.all.length === 0 ? 'true()' : cond.all.map(part).join(' and ');
  if ('any' in cond) return cond.any.length === 0 ? 'false()' : cond.any.map(part).join(' or ');
  if ('not' in cond) return `not(${printExpression(cond.not, typeOf)})`;
  if (!isComparison(cond)) return 'false()';
  const [op, operand] = operatorOf(cond);
  const ref = `\${${cond.q}}`;
  if (op === 'selected') return `selected(${ref}, ${quote(operand as string)})`;
  if (op === 'in') {
    const values = operand as Scalar[];
    const multiple = typeOf?.(cond.q) === 'select_multiple';
    const one = (v: Scalar) => (multiple ? `selected(${ref}, ${quote(v)})` : `${ref} = ${quote(v)}`);
    return values.length === 1 ? one(values[0]) : `(${values.map(one).join(' or ')})`;
  }
  return `${ref} ${SIGN[op]} ${quote(operand as Scalar)}`;
}
