// An XLSForm workbook (as rows) → a definition. Each problem is refused at its sheet, row and column
// (`survey.row.12.relevant`); the definition that comes out has also passed checkDefinition, whose problems are
// reported at the rows they come from.
import { checkDefinition } from './check-definition';
import type { Choice, Condition, Definition, Indicator, Label, Lang, Question, QuestionType, Rule } from './definition';
import type { QuestionnaireIssue, Result } from './issues';
import { parseExpression } from './xlsform-expression';
import { type Cell, CHOICES_COLUMNS, INDICATOR_COLUMNS, MEMBERS_REPEAT, parseHeader, SETTINGS_COLUMNS, SURVEY_COLUMNS, text, type Workbook, YES_NO_LIST } from './xlsform-sheets';

const NAME = /^[a-z][a-z0-9_]{0,63}$/;
const SIMPLE_TYPES: Record<string, QuestionType> = { integer: 'integer', decimal: 'decimal', text: 'text' };
const FIELD_COLUMN: Record<string, string> = { id: 'name', type: 'type', choices: 'type', maxLength: 'max_length', when: 'constraint', then: 'constraint', message: 'constraint_message', value: 'name' };

interface Row {
  sheet: string;
  number: number;
  get(column: string): string;
  label(base: string): Partial<Label>;
  /** Columns with a value that the sheet does not support. */
  unknown: string[];
}

class Reader {
  readonly issues: QuestionnaireIssue[] = [];
  /** JSON path prefix of the definition → where it came from, to report checkDefinition's problems by row. */
  readonly origins: [string, string, number, string?][] = [];

  constructor(private readonly workbook: Workbook) {}

  refuse(row: { sheet: string; number: number }, column: string, key: string, params: Record<string, string | number> = {}) {
    this.issues.push({ path: `${row.sheet}.row.${row.number}.${column}`, key, params: { sheet: row.sheet, row: row.number, column, ...params } });
  }

  rows(sheet: string, columns: string[], required: boolean): Row[] {
    const found = Object.keys(this.workbook).find((name) => name.trim().toLowerCase() === sheet);
    if (!found) {
      if (required) this.issues.push({ path: sheet, key: 'xlsform.missing_sheet', params: { sheet } });
      return [];
    }
    const [header = [], ...body] = this.workbook[found];
    const heads = header.map((cell) => parseHeader(text(cell)));
    return body.flatMap((cells, index): Row[] => {
      if (cells.every((cell) => text(cell) === '')) return [];
      const at = (base: string, lang?: Lang) => heads.findIndex((h) => h.base === base && (lang ? h.lang === lang : h.lang === undefined));
      const cell = (i: number): string => (i >= 0 ? text(cells[i] as Cell) : '');
      return [{
        sheet,
        number: index + 2,
        get: (column) => cell(at(column)),
        label: (base) => {
          const plain = cell(at(base));
          const vi = cell(at(base, 'vi')) || plain;
          const en = cell(at(base, 'en')) || plain;
          return { ...(vi ? { vi } : {}), ...(en ? { en } : {}) };
        },
        unknown: heads.flatMap((h, i) => (text(cells[i] as Cell) !== '' && (!columns.includes(h.base) || h.lang === 'other') && h.base !== '' ? [text(header[i] as Cell)] : [])),
      }];
    });
  }

  fullLabel(row: Row, base: string, optional = false): Label | undefined {
    const label = row.label(base);
    if (label.vi && label.en) return label as Label;
    if (optional && !label.vi && !label.en) return undefined;
    this.refuse(row, base, 'xlsform.missing_label', { lang: label.vi ? 'en' : 'vi' });
    return undefined;
  }

  number(row: Row, column: string, integer = false): number | undefined {
    const raw = row.get(column);
    if (raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) return void this.refuse(row, column, 'xlsform.bad_number', { value: raw });
    return value;
  }

  flag(row: Row, column: string): boolean {
    const raw = row.get(column).toLowerCase();
    if (['yes', 'true', 'true()', '1'].includes(raw)) return true;
    if (['', 'no', 'false', 'false()', '0'].includes(raw)) return false;
    this.refuse(row, column, 'xlsform.bad_boolean', { value: raw });
    return false;
  }
}

interface Pending {
  row: Row;
  question: Question;
  context: 'household' | 'member';
  index: number;
}

/** Reads a workbook into a definition; `previousVersions` are passed on to checkDefinition. */
export function workbookToDefinition(workbook: Workbook, previousVersions: readonly Definition[] = []): Result<Definition> {
  const reader = new Reader(workbook);
  const settings = readSettings(reader);
  const choices = readChoices(reader);
  const { household, members, pending } = readSurvey(reader, choices);
  const typeOf = (name: string) => pending.find((p) => p.question.id === name)?.question.type;
  // A reference to a row already refused is not refused again: one mistake, one issue.
  const refusedNames = new Set(reader.rows('survey', SURVEY_COLUMNS, false).map((row) => row.get('name')).filter((name) => !typeOf(name)));
  const before = reader.issues.length;
  const rules = readExpressions(reader, pending, typeOf);
  const indicators = readIndicators(reader, typeOf);
  reader.issues.splice(before, Infinity, ...reader.issues.slice(before).filter((i) => !(i.key === 'xlsform.unknown_reference' && refusedNames.has(String(i.params?.name)))));
  if (reader.issues.length > 0 || !settings) return { ok: false, issues: reader.issues };
  const definition: Definition = { ...settings, household, members, choices, rules, indicators };
  const checked = checkDefinition(definition, previousVersions);
  if (checked.ok) return checked;
  return { ok: false, issues: checked.issues.map((issue) => locate(issue, reader.origins)) };
}

function locate(issue: QuestionnaireIssue, origins: Reader['origins']): QuestionnaireIssue {
  const origin = origins.filter(([prefix]) => issue.path === prefix || issue.path.startsWith(`${prefix}.`)).sort((a, b) => b[0].length - a[0].length)[0];
  if (!origin) return issue;
  const [prefix, sheet, row, fixed] = origin;
  const field = issue.path.slice(prefix.length + 1).split('.')[0];
  const column = fixed ?? FIELD_COLUMN[field] ?? (field || 'name');
  return { ...issue, path: `${sheet}.row.${row}.${column}`, params: { ...issue.params, sheet, row, column } };
}

function readSettings(reader: Reader): Pick<Definition, 'id' | 'version' | 'title'> | undefined {
  const [row] = reader.rows('settings', SETTINGS_COLUMNS, true);
  if (!row) return undefined;
  for (const column of row.unknown) reader.refuse(row, column, 'xlsform.unsupported_column');
  const id = row.get('form_id');
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(id)) reader.refuse(row, 'form_id', 'xlsform.bad_name', { value: id });
  const version = reader.number(row, 'version', true);
  if (version === undefined || version < 1) reader.refuse(row, 'version', 'xlsform.bad_version', { value: row.get('version') });
  const title = reader.fullLabel(row, 'form_title');
  reader.origins.push(['id', 'settings', row.number, 'form_id'], ['version', 'settings', row.number, 'version'], ['title', 'settings', row.number, 'form_title']);
  return title && version ? { id, version, title } : undefined;
}

function readChoices(reader: Reader): Record<string, Choice[]> {
  const lists: Record<string, Choice[]> = {};
  for (const row of reader.rows('choices', CHOICES_COLUMNS, false)) {
    for (const column of row.unknown) reader.refuse(row, column, 'xlsform.unsupported_column');
    const list = row.get('list_name');
    const value = row.get('name');
    if (!NAME.test(list)) { reader.refuse(row, 'list_name', 'xlsform.bad_name', { value: list }); continue; }
    if (value === '') { reader.refuse(row, 'name', 'xlsform.missing_value'); continue; }
    if (list === YES_NO_LIST) {
      if (value !== 'yes' && value !== 'no') reader.refuse(row, 'name', 'xlsform.yes_no_list', { value });
      continue;
    }
    const label = reader.fullLabel(row, 'label');
    lists[list] ??= [];
    if (lists[list].some((c) => c.value === value)) reader.refuse(row, 'name', 'xlsform.duplicate_choice', { list, value });
    else if (label) {
      reader.origins.push([`choices.${list}.${lists[list].length}`, 'choices', row.number]);
      lists[list].push({ value, label });
    }
  }
  return lists;
}

function readSurvey(reader: Reader, choices: Record<string, Choice[]>) {
  const household: Question[] = [];
  const members = { min: 1, max: 30, questions: [] as Question[] };
  const pending: Pending[] = [];
  let repeat: Row | undefined;
  let closed = false;
  for (const row of reader.rows('survey', SURVEY_COLUMNS, true)) {
    for (const column of row.unknown) reader.refuse(row, column, 'xlsform.unsupported_column');
    const type = row.get('type').replace(/\s+/g, ' ');
    const name = row.get('name');
    if (type === 'begin_repeat' || type === 'begin repeat') {
      if (repeat || closed) reader.refuse(row, 'type', 'xlsform.one_repeat');
      else if (name !== MEMBERS_REPEAT) reader.refuse(row, 'name', 'xlsform.repeat_not_members', { value: name });
      else {
        repeat = row;
        members.min = reader.number(row, 'min', true) ?? members.min;
        members.max = reader.number(row, 'max', true) ?? members.max;
        reader.origins.push(['members.min', 'survey', row.number, 'min'], ['members.max', 'survey', row.number, 'max']);
      }
      continue;
    }
    if (type === 'end_repeat' || type === 'end repeat') {
      if (!repeat) reader.refuse(row, 'type', 'xlsform.end_without_begin');
      repeat = undefined;
      closed = true;
      continue;
    }
    const question = readQuestion(reader, row, type, name, choices);
    if (!question) continue;
    if (pending.some((p) => p.question.id === question.id)) { reader.refuse(row, 'name', 'xlsform.duplicate_name', { name }); continue; }
    const context = repeat ? 'member' : 'household';
    const list = repeat ? members.questions : household;
    reader.origins.push([repeat ? `members.questions.${list.length}` : `household.${list.length}`, 'survey', row.number]);
    pending.push({ row, question, context, index: list.length });
    list.push(question);
  }
  if (repeat) reader.refuse(repeat, 'type', 'xlsform.repeat_not_closed');
  return { household, members, pending };
}

function readQuestion(reader: Reader, row: Row, type: string, name: string, choices: Record<string, Choice[]>): Question | undefined {
  const [head, list] = type.split(' ');
  let questionType: QuestionType | undefined = SIMPLE_TYPES[type];
  if (type === 'text' && row.get('appearance') === 'phone') questionType = 'phone';
  if ((head === 'select_one' || head === 'select_multiple') && list) {
    if (head === 'select_one' && list === YES_NO_LIST) questionType = 'yes_no';
    else if (!choices[list]) return void reader.refuse(row, 'type', 'xlsform.unknown_choice_list', { list });
    else questionType = head;
  }
  if (!questionType) return void reader.refuse(row, 'type', type === '' ? 'xlsform.missing_value' : 'xlsform.unsupported_type', { type });
  if (!NAME.test(name) || name === 'age') return void reader.refuse(row, 'name', name === '' ? 'xlsform.missing_value' : 'xlsform.bad_name', { value: name });
  const label = reader.fullLabel(row, 'label');
  const hint = reader.fullLabel(row, 'hint', true);
  const required = reader.flag(row, 'required');
  const min = reader.number(row, 'min');
  const max = reader.number(row, 'max');
  const maxLength = reader.number(row, 'max_length', true);
  if (!label) return undefined;
  const question: Question = { id: name, type: questionType, label, required };
  if (hint) question.hint = hint;
  if (min !== undefined) question.min = min;
  if (max !== undefined) question.max = max;
  if (maxLength !== undefined) question.maxLength = maxLength;
  if (questionType === 'select_one' || questionType === 'select_multiple') question.choices = list;
  return question;
}

function readExpressions(reader: Reader, pending: Pending[], typeOf: (name: string) => QuestionType | undefined): Rule[] {
  const rules: Rule[] = [];
  for (const { row, question } of pending) {
    const relevant = expression(reader, row, 'relevant', typeOf);
    if (relevant) question.relevant = relevant;
    const constraint = expression(reader, row, 'constraint', typeOf, question.id);
    const message = reader.fullLabel(row, 'constraint_message', !constraint);
    if (!constraint || !message) continue;
    const id = row.get('constraint_id') || `${question.id}_constraint`;
    if (!NAME.test(id)) { reader.refuse(row, 'constraint_id', 'xlsform.bad_name', { value: id }); continue; }
    // A constraint `not(A) or B` is the rule "when A, then B"; any other constraint must always hold.
    const split = 'any' in constraint && constraint.any.length === 2 && 'not' in constraint.any[0];
    const when: Condition = split ? (constraint as { any: [{ not: Condition }, Condition] }).any[0].not : { all: [] };
    const then: Condition = split ? (constraint as { any: Condition[] }).any[1] : constraint;
    reader.origins.push([`rules.${rules.length}`, 'survey', row.number]);
    rules.push({ id, when, then, message });
  }
  return rules;
}

function expression(reader: Reader, row: Row, column: string, typeOf: (name: string) => QuestionType | undefined, self?: string): Condition | undefined {
  const source = row.get(column);
  if (source === '') return undefined;
  const parsed = parseExpression(source, typeOf, self);
  if (parsed.ok) return parsed.cond;
  reader.refuse(row, column, parsed.key, parsed.params);
  return undefined;
}

function readIndicators(reader: Reader, typeOf: (name: string) => QuestionType | undefined): Indicator[] {
  const indicators: Indicator[] = [];
  for (const row of reader.rows('indicators', INDICATOR_COLUMNS, false)) {
    for (const column of row.unknown) reader.refuse(row, column, 'xlsform.unsupported_column');
    const id = row.get('id');
    const unit = row.get('unit');
    if (!NAME.test(id)) reader.refuse(row, 'id', id === '' ? 'xlsform.missing_value' : 'xlsform.bad_name', { value: id });
    else if (indicators.some((i) => i.id === id)) reader.refuse(row, 'id', 'xlsform.duplicate_name', { name: id });
    if (unit !== 'household' && unit !== 'person') reader.refuse(row, 'unit', 'xlsform.bad_unit', { value: unit });
    const population = expression(reader, row, 'population', typeOf);
    const numerator = row.get('numerator') === '' ? void reader.refuse(row, 'numerator', 'xlsform.missing_value') : expression(reader, row, 'numerator', typeOf);
    const label = reader.fullLabel(row, 'label');
    const rawTarget = row.get('target');
    const target = rawTarget === '' ? null : Number(rawTarget);
    if (target !== null && !(Number.isFinite(target) && target >= 0 && target <= 1)) reader.refuse(row, 'target', 'xlsform.bad_target', { value: rawTarget });
    if (!numerator || !label || (unit !== 'household' && unit !== 'person')) continue;
    reader.origins.push([`indicators.${indicators.length}`, 'indicators', row.number]);
    indicators.push({ id, unit, ...(population ? { population } : {}), numerator, label, target, source: row.get('source') || null });
  }
  return indicators;
}
