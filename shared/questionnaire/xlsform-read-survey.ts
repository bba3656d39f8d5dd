// The survey sheet: questions in order, household ones at the top and member ones inside begin_repeat members …
// end_repeat, then their relevance and constraint expressions once every question's type is known.
import type { Choice, Condition, Question, QuestionType, Rule } from './definition';
import { parseExpression } from './xlsform-expression';
import { NAME, type Pending, type Reader, type Row, SIMPLE_TYPES } from './xlsform-reader';
import { MEMBERS_REPEAT, SURVEY_COLUMNS, YES_NO_LIST } from './xlsform-sheets';

export function readSurvey(reader: Reader, choices: Record<string, Choice[]>) {
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
    if (pending.some((p) => p.question.id === question.id)) {
      reader.refuse(row, 'name', 'xlsform.duplicate_name', { name });
      continue;
    }
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

export function readExpressions(reader: Reader, pending: Pending[], typeOf: (name: string) => QuestionType | undefined): Rule[] {
  const rules: Rule[] = [];
  for (const { row, question } of pending) {
    const relevant = expression(reader, row, 'relevant', typeOf);
    if (relevant) question.relevant = relevant;
    const constraint = expression(reader, row, 'constraint', typeOf, question.id);
    const message = reader.fullLabel(row, 'constraint_message', !constraint);
    if (!constraint || !message) continue;
    const id = row.get('constraint_id') || `${question.id}_constraint`;
    if (!NAME.test(id)) {
      reader.refuse(row, 'constraint_id', 'xlsform.bad_name', { value: id });
      continue;
    }
    // A constraint `not(A) or B` is the rule "when A, then B"; any other constraint must always hold.
    const split = 'any' in constraint && constraint.any.length === 2 && 'not' in constraint.any[0];
    const when: Condition = split ? (constraint as { any: [{ not: Condition }, Condition] }).any[0].not : { all: [] };
    const then: Condition = split ? (constraint as { any: Condition[] }).any[1] : constraint;
    reader.origins.push([`rules.${rules.length}`, 'survey', row.number]);
    rules.push({ id, when, then, message });
  }
  return rules;
}

export function expression(reader: Reader, row: Row, column: string, typeOf: (name: string) => QuestionType | undefined, self?: string): Condition | undefined {
  const source = row.get(column);
  if (source === '') return undefined;
  const parsed = parseExpression(source, typeOf, self);
  if (parsed.ok) return parsed.cond;
  reader.refuse(row, column, parsed.key, parsed.params);
  return undefined;
}
