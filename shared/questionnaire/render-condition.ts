// A condition in plain words, vi or en ("người từ 15 tuổi trở lên và có điện thoại thông minh"): the indicators
// page and the "only asked when" messages show it. Question and choice labels come from the definition.
import { AGE, type Comparison, type Condition, type Definition, isComparison, type Lang, operatorOf, type Question } from './definition';

const WORDS = {
  vi: {
    and: ' và ',
    or: ' hoặc ',
    not: 'không phải ',
    no: 'không ',
    always: 'mọi trường hợp',
    never: 'không trường hợp nào',
    selected: 'có chọn',
    oneOf: 'là một trong',
  },
  en: { and: ' and ', or: ' or ', not: 'not ', no: 'not ', always: 'always', never: 'never', selected: 'includes', oneOf: 'is one of' },
} as const;

const AGE_WORDS: Record<Lang, Record<string, (n: number) => string>> = {
  vi: {
    gte: (n) => `người từ ${n} tuổi trở lên`,
    gt: (n) => `người trên ${n} tuổi`,
    lt: (n) => `người dưới ${n} tuổi`,
    lte: (n) => `người từ ${n} tuổi trở xuống`,
    eq: (n) => `người ${n} tuổi`,
    ne: (n) => `người không phải ${n} tuổi`,
  },
  en: {
    gte: (n) => `people aged ${n} and over`,
    gt: (n) => `people older than ${n}`,
    lt: (n) => `people younger than ${n}`,
    lte: (n) => `people aged ${n} or under`,
    eq: (n) => `people aged ${n}`,
    ne: (n) => `people not aged ${n}`,
  },
};

const SIGNS: Record<string, string> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

/** Renders a condition in plain words; `all`/`any` nested inside each other are parenthesised. */
export function renderCondition(cond: Condition, definition: Definition, lang: Lang): string {
  const questions = new Map<string, Question>([...definition.household, ...definition.members.questions].map((q) => [q.id, q]));
  const words = WORDS[lang];
  const render = (c: Condition, nested: boolean): string => {
    if ('all' in c || 'any' in c) {
      const parts = 'all' in c ? c.all : c.any;
      if (parts.length === 0) return 'all' in c ? words.always : words.never;
      const text = parts.map((p) => render(p, true)).join('all' in c ? words.and : words.or);
      return nested && parts.length > 1 ? `(${text})` : text;
    }
    if ('not' in c) return `${words.not}(${render(c.not, false)})`;
    return isComparison(c) ? renderComparison(c, questions, definition, lang) : '';
  };
  return render(cond, false);
}

function renderComparison(c: Comparison, questions: Map<string, Question>, definition: Definition, lang: Lang): string {
  const [op, operand] = operatorOf(c);
  if (c.q === AGE && typeof operand === 'number' && AGE_WORDS[lang][op]) return AGE_WORDS[lang][op](operand);
  const question = questions.get(c.q);
  const label = question ? phrase(question.label[lang]) : c.q;
  const choice = (value: unknown) => {
    const list = question?.choices ? definition.choices[question.choices] : undefined;
    const found = list?.find((item) => item.value === value);
    return found ? found.label[lang] : String(value);
  };
  if (question?.type === 'yes_no' && (op === 'eq' || op === 'ne') && typeof operand === 'boolean') {
    return (op === 'eq') === operand ? label : `${WORDS[lang].no}${label}`;
  }
  if (op === 'selected') return `${label} ${WORDS[lang].selected} “${choice(operand)}”`;
  if (op === 'in') return `${label} ${WORDS[lang].oneOf} ${(operand as unknown[]).map((v) => `“${choice(v)}”`).join(', ')}`;
  const shown = typeof operand === 'string' ? `“${choice(operand)}”` : String(operand);
  return `${label} ${SIGNS[op]} ${shown}`;
}

/** A question label as a phrase: no question mark, lower-case start ("Có điện thoại thông minh?" → "có điện thoại thông minh"). */
function phrase(label: string): string {
  const text = label.trim().replace(/[?？]\s*$/, '');
  return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}
