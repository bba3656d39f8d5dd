// An XLSForm workbook (as rows) → a definition. Each problem is refused at its sheet, row and column
// (`survey.row.12.relevant`); the definition that comes out has also passed checkDefinition, whose problems are
// reported at the rows they come from.
import { checkDefinition } from './check-definition';
import type { Choice, Definition, Indicator, QuestionType } from './definition';
import type { QuestionnaireIssue, Result } from './issues';
import { expression, readExpressions, readSurvey } from './xlsform-read-survey';
import { FIELD_COLUMN, NAME, Reader } from './xlsform-reader';
import { CHOICES_COLUMNS, INDICATOR_COLUMNS, SETTINGS_COLUMNS, SURVEY_COLUMNS, type Workbook, YES_NO_LIST } from './xlsform-sheets';

export function workbookToDefinition(workbook: Workbook, previousVersions: readonly Definition[] = []): Result<Definition> {
  const reader = new Reader(workbook);
  const settings = readSettings(reader);
  const choices = readChoices(reader);
  const { household, members, pending } = readSurvey(reader, choices);
  const typeOf = (name: string) => pending.find((p) => p.question.id === name)?.question.type;
  // A reference to a row already refused is not refused again: one mistake, one issue.
  const refusedNames = new Set(
    reader
      .rows('survey', SURVEY_COLUMNS, false)
      .map((row) => row.get('name'))
      .filter((name) => !typeOf(name)),
  );
  const before = reader.issues.length;
  const rules = readExpressions(reader, pending, typeOf);
  const indicators = readIndicators(reader, typeOf);
  reader.issues.splice(
    before,
    Infinity,
    ...reader.issues.slice(before).filter((i) => !(i.key === 'xlsform.unknown_reference' && refusedNames.has(String(i.params?.name)))),
  );
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
  reader.origins.push(
    ['id', 'settings', row.number, 'form_id'],
    ['version', 'settings', row.number, 'version'],
    ['title', 'settings', row.number, 'form_title'],
  );
  return title && version ? { id, version, title } : undefined;
}

function readChoices(reader: Reader): Record<string, Choice[]> {
  const lists: Record<string, Choice[]> = {};
  for (const row of reader.rows('choices', CHOICES_COLUMNS, false)) {
    for (const column of row.unknown) reader.refuse(row, column, 'xlsform.unsupported_column');
    const list = row.get('list_name');
    const value = row.get('name');
    if (!NAME.test(list)) {
      reader.refuse(row, 'list_name', 'xlsform.bad_name', { value: list });
      continue;
    }
    if (value === '') {
      reader.refuse(row, 'name', 'xlsform.missing_value');
      continue;
    }
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
    const numerator =
      row.get('numerator') === '' ? void reader.refuse(row, 'numerator', 'xlsform.missing_value') : expression(reader, row, 'numerator', typeOf);
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
