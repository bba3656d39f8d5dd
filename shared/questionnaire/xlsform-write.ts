// A definition → an XLSForm workbook (as rows): the template admins start a new round's questionnaire from.
// Reading the result gives the same definition back.
import { compileDefinition, isMemberRule, ruleTarget } from './compile';
import type { Definition, Label, Question } from './definition';
import type { QuestionnaireIssue, Result } from './issues';
import { printExpression } from './xlsform-expression';
import { type Cell, LANG_SUFFIX, MEMBERS_REPEAT, type Workbook, YES_NO_LIST } from './xlsform-sheets';

const both = (base: string) => [`${base}${LANG_SUFFIX.vi}`, `${base}${LANG_SUFFIX.en}`];
const SURVEY_HEADER = [
  'type',
  'name',
  ...both('label'),
  ...both('hint'),
  'required',
  'relevant',
  'constraint',
  ...both('constraint_message'),
  'constraint_id',
  'appearance',
  'min',
  'max',
  'max_length',
];
const YES_NO: Label[] = [
  { vi: 'Có', en: 'Yes' },
  { vi: 'Không', en: 'No' },
];

/** Writes a definition as an XLSForm workbook; refuses what XLSForm cannot say (two rules on one question). */
export function definitionToWorkbook(definition: Definition): Result<Workbook> {
  const issues: QuestionnaireIssue[] = [];
  const { locate } = compileDefinition(definition);
  const types = new Map([...definition.household, ...definition.members.questions].map((q) => [q.id, q.type]));
  const typeOf = (id: string) => types.get(id);
  const rulesAt = new Map<string, Definition['rules'][number]>();
  definition.rules.forEach((rule, index) => {
    const at = ruleTarget(rule, locate, isMemberRule(rule, locate));
    if (!at) issues.push({ path: `rules.${index}`, key: 'xlsform.rule_without_question', params: { rule: rule.id } });
    else if (rulesAt.has(at)) issues.push({ path: `rules.${index}`, key: 'xlsform.rules_share_question', params: { rule: rule.id, question: at } });
    else rulesAt.set(at, rule);
  });
  if (issues.length > 0) return { ok: false, issues };

  const row = (values: Record<string, Cell>): Cell[] => SURVEY_HEADER.map((column) => values[column] ?? '');
  const questionRow = (q: Question) => {
    const rule = rulesAt.get(q.id);
    const type =
      q.type === 'yes_no'
        ? `select_one ${YES_NO_LIST}`
        : q.type === 'phone'
          ? 'text'
          : q.type === 'select_one' || q.type === 'select_multiple'
            ? `${q.type} ${q.choices}`
            : q.type;
    const constraint =
      rule &&
      ('all' in rule.when && rule.when.all.length === 0
        ? printExpression(rule.then, typeOf)
        : printExpression({ any: [{ not: rule.when }, rule.then] }, typeOf));
    return row({
      type,
      name: q.id,
      [both('label')[0]]: q.label.vi,
      [both('label')[1]]: q.label.en,
      [both('hint')[0]]: q.hint?.vi,
      [both('hint')[1]]: q.hint?.en,
      required: q.required ? 'yes' : '',
      relevant: q.relevant && printExpression(q.relevant, typeOf),
      constraint,
      [both('constraint_message')[0]]: rule?.message.vi,
      [both('constraint_message')[1]]: rule?.message.en,
      constraint_id: rule?.id,
      appearance: q.type === 'phone' ? 'phone' : '',
      min: q.min,
      max: q.max,
      max_length: q.maxLength,
    });
  };
  const survey: Cell[][] = [
    [...SURVEY_HEADER],
    ...definition.household.map(questionRow),
    row({
      type: 'begin_repeat',
      name: MEMBERS_REPEAT,
      [both('label')[0]]: 'Thành viên hộ',
      [both('label')[1]]: 'Household members',
      min: definition.members.min,
      max: definition.members.max,
    }),
    ...definition.members.questions.map(questionRow),
    row({ type: 'end_repeat' }),
  ];
  const choices: Cell[][] = [
    ['list_name', 'name', ...both('label')],
    ...['yes', 'no'].map((value, i) => [YES_NO_LIST, value, YES_NO[i].vi, YES_NO[i].en]),
    ...Object.entries(definition.choices).flatMap(([list, items]) => items.map((c) => [list, c.value, c.label.vi, c.label.en])),
  ];
  const settings: Cell[][] = [
    ['form_id', 'version', ...both('form_title'), 'default_language'],
    [definition.id, definition.version, definition.title.vi, definition.title.en, `Tiếng Việt (vi)`],
  ];
  const indicators: Cell[][] = [
    ['id', 'unit', 'population', 'numerator', ...both('label'), 'target', 'source'],
    ...definition.indicators.map((i) => [
      i.id,
      i.unit,
      i.population ? printExpression(i.population, typeOf) : '',
      printExpression(i.numerator, typeOf),
      i.label.vi,
      i.label.en,
      i.target ?? '',
      i.source ?? '',
    ]),
  ];
  return { ok: true, value: { survey, choices, settings, indicators } };
}
