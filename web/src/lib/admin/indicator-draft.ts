// The indicators page's editable form of one indicator, and back. A condition is edited as rows
// "question  operator  value" joined by all/any when it has that simple shape, otherwise (or on request) as
// JSON. Targets are typed as percents ("80", "80,5"); empty means no target. Pure: unit-tested.
import {
  AGE,
  type Comparison,
  type ComparisonOp,
  type Condition,
  type Definition,
  type Indicator,
  isComparison,
  operatorOf,
  type Question,
} from '@shared/questionnaire/definition';

/** The operators the row builder offers (`in` and nesting need the JSON field). */
export const ROW_OPS = ['eq', 'ne', 'gte', 'gt', 'lte', 'lt', 'selected'] as const satisfies readonly ComparisonOp[];
export type RowOp = (typeof ROW_OPS)[number];

export interface RowDraft {
  q: string;
  op: RowOp;
  value: string;
}

export interface ConditionDraft {
  mode: 'rows' | 'json';
  join: 'all' | 'any';
  rows: RowDraft[];
  json: string;
}

export interface IndicatorDraft {
  /** Stable across edits and moves (the id field itself changes as the admin types). */
  key: string;
  id: string;
  unit: 'household' | 'person';
  labelVi: string;
  labelEn: string;
  population: ConditionDraft;
  numerator: ConditionDraft;
  target: string;
  source: string;
}

export type DraftField = 'id' | 'unit' | 'label' | 'population' | 'numerator' | 'target' | 'source';
/** A problem found before sending: its field and a message key of the officials' table. */
export interface DraftIssue {
  index: number;
  field: DraftField;
  key: 'ui.indicators.bad_json' | 'ui.indicators.bad_target' | 'ui.indicators.bad_value';
}

let nextKey = 0;
const newKey = () => `k${++nextKey}`;

/** Every question a condition may name: household, member, and the member's age. */
export function questionsOf(definition: Definition | undefined): Question[] {
  if (!definition) return [];
  return [...definition.household, ...definition.members.questions];
}

function rowsOf(cond: Condition): { join: 'all' | 'any'; rows: RowDraft[] } | undefined {
  const parts = 'all' in cond ? cond.all : 'any' in cond ? cond.any : [cond];
  const join = 'any' in cond ? 'any' : 'all';
  const rows: RowDraft[] = [];
  for (const part of parts) {
    if (!isComparison(part)) return undefined;
    const [op, operand] = operatorOf(part);
    if (!(ROW_OPS as readonly string[]).includes(op) || Array.isArray(operand) || typeof operand === 'object') return undefined;
    rows.push({ q: part.q, op: op as RowOp, value: String(operand) });
  }
  return { join, rows };
}

export function conditionDraftOf(cond: Condition | undefined): ConditionDraft {
  const json = cond ? JSON.stringify(cond, null, 2) : '';
  if (!cond) return { mode: 'rows', join: 'all', rows: [], json };
  const simple = rowsOf(cond);
  return simple ? { mode: 'rows', ...simple, json } : { mode: 'json', join: 'all', rows: [], json };
}

/** "0.8" → "80"; null → "". */
export function percentText(target: number | null): string {
  if (target === null) return '';
  return String(Math.round(target * 1000) / 10);
}

export function draftOf(indicator: Indicator): IndicatorDraft {
  return {
    key: newKey(),
    id: indicator.id,
    unit: indicator.unit,
    labelVi: indicator.label.vi,
    labelEn: indicator.label.en,
    population: conditionDraftOf(indicator.population),
    numerator: conditionDraftOf(indicator.numerator),
    target: percentText(indicator.target),
    source: indicator.source ?? '',
  };
}

export function emptyDraft(unit: 'household' | 'person' = 'person'): IndicatorDraft {
  return { ...draftOf({ id: '', unit, label: { vi: '', en: '' }, numerator: { all: [] }, target: null }), numerator: conditionDraftOf(undefined) };
}

/** A typed operand from the text the admin typed, by the question's type; undefined when it does not read. */
export function operandOf(row: RowDraft, question: Question | undefined): Comparison[RowOp] | undefined {
  const text = row.value.trim();
  if (text === '') return undefined;
  const numeric = row.q === AGE || question?.type === 'integer' || question?.type === 'decimal' || ['gt', 'gte', 'lt', 'lte'].includes(row.op);
  if (question?.type === 'yes_no') return text === 'true' ? true : text === 'false' ? false : undefined;
  if (numeric) {
    const n = Number(text.replace(',', '.'));
    return Number.isFinite(n) ? n : undefined;
  }
  return text;
}

/** The condition a draft stands for; 'bad' names the kind of problem. Empty rows mean no condition. */
export function conditionOf(draft: ConditionDraft, definition: Definition | undefined): Condition | undefined | 'bad_json' | 'bad_value' {
  if (draft.mode === 'json') {
    if (draft.json.trim() === '') return undefined;
    try {
      return JSON.parse(draft.json) as Condition;
    } catch {
      return 'bad_json';
    }
  }
  const questions = new Map(questionsOf(definition).map((q) => [q.id, q]));
  const parts: Condition[] = [];
  for (const row of draft.rows) {
    const operand = operandOf(row, questions.get(row.q));
    if (operand === undefined || !row.q) return 'bad_value';
    parts.push({ q: row.q, [row.op]: operand } as Comparison);
  }
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return draft.join === 'all' ? { all: parts } : { any: parts };
}

/** "80" / "80,5" / "" → 0.8 / 0.805 / null; undefined when it is not a percent 0..100. */
export function targetOf(text: string): number | null | undefined {
  const trimmed = text.trim().replace('%', '').replace(',', '.');
  if (trimmed === '') return null;
  const n = Number(trimmed);
  if (!Number.isFinite(n) || n < 0 || n > 100) return undefined;
  return Math.round(n * 10) / 1000;
}

/** The list to send, or the problems to fix first (nothing is sent while there is one). */
export function indicatorsOf(drafts: readonly IndicatorDraft[], definition: Definition | undefined): { indicators: Indicator[]; issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];
  const indicators = drafts.map((draft, index) => {
    const condition = (field: 'population' | 'numerator') => {
      const cond = conditionOf(draft[field], definition);
      if (cond === 'bad_json' || cond === 'bad_value') {
        issues.push({ index, field, key: cond === 'bad_json' ? 'ui.indicators.bad_json' : 'ui.indicators.bad_value' });
        return undefined;
      }
      return cond;
    };
    const population = condition('population');
    // No numerator rows would count nobody: send an empty `all` (the server names it if it refuses it).
    const numerator = condition('numerator') ?? { all: [] };
    const target = targetOf(draft.target);
    if (target === undefined) issues.push({ index, field: 'target', key: 'ui.indicators.bad_target' });
    const source = draft.source.trim();
    const indicator: Indicator = {
      id: draft.id.trim(),
      unit: draft.unit,
      numerator,
      label: { vi: draft.labelVi.trim(), en: draft.labelEn.trim() },
      target: target ?? null,
      source: source === '' ? null : source,
    };
    if (population) indicator.population = population;
    return indicator;
  });
  return { indicators, issues };
}

/** Where a server issue belongs: `indicators.2.population.all.0.q` → indicator 2, field population. */
export function placeOfIssue(path: string): { index: number; field: DraftField | undefined } | undefined {
  const [root, at, field] = path.split('.');
  const index = Number(at);
  if (root !== 'indicators' || at === undefined || !Number.isInteger(index)) return undefined;
  const known: DraftField[] = ['id', 'unit', 'label', 'population', 'numerator', 'target', 'source'];
  return { index, field: known.includes(field as DraftField) ? (field as DraftField) : undefined };
}

/** Moves the item at `from` by `by` places (−1 up, +1 down); out of range leaves the list as it is. */
export function moved<T>(list: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}
