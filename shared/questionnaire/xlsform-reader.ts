// The reading side's working state: rows of a sheet with their spreadsheet numbers, cells by column and language,
// and the refusals collected so far (each at sheet, row and column).
import type { Label, Lang, Question, QuestionType } from './definition';
import type { QuestionnaireIssue } from './issues';
import { type Cell, parseHeader, text, type Workbook } from './xlsform-sheets';

export const NAME = /^[a-z][a-z0-9_]{0,63}$/;
export const SIMPLE_TYPES: Record<string, QuestionType> = { integer: 'integer', decimal: 'decimal', text: 'text' };
export const FIELD_COLUMN: Record<string, string> = {
  id: 'name',
  type: 'type',
  choices: 'type',
  maxLength: 'max_length',
  when: 'constraint',
  then: 'constraint',
  message: 'constraint_message',
  value: 'name',
};
export interface Row {
  sheet: string;
  number: number;
  get(column: string): string;
  label(base: string): Partial<Label>;
  /** Columns with a value that the sheet does not support. */
  unknown: string[];
}

export class Reader {
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
      return [
        {
          sheet,
          number: index + 2,
          get: (column) => cell(at(column)),
          label: (base) => {
            const plain = cell(at(base));
            const vi = cell(at(base, 'vi')) || plain;
            const en = cell(at(base, 'en')) || plain;
            return { ...(vi ? { vi } : {}), ...(en ? { en } : {}) };
          },
          unknown: heads.flatMap((h, i) =>
            text(cells[i] as Cell) !== '' && (!columns.includes(h.base) || h.lang === 'other') && h.base !== '' ? [text(header[i] as Cell)] : [],
          ),
        },
      ];
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

export interface Pending {
  row: Row;
  question: Question;
  context: 'household' | 'member';
  index: number;
}

/** Reads a workbook into a definition; `previousVersions` are passed on to checkDefinition. */
