// The XLSForm workbook as plain data, `{ [sheet]: rows[][] }` (reading and writing .xlsx bytes happens outside
// shared/), and the column names both directions agree on.
import type { Lang } from './definition';

export type Cell = string | number | boolean | null | undefined;
export type Workbook = Record<string, Cell[][]>;

export const LANG_SUFFIX: Record<Lang, string> = { vi: '::Tiếng Việt (vi)', en: '::English (en)' };
export const YES_NO_LIST = 'yes_no';
export const MEMBERS_REPEAT = 'members';

/** Columns of the survey sheet that Phiếu reads; any other column with a value on a row is refused there. */
export const SURVEY_COLUMNS = [
  'type',
  'name',
  'label',
  'hint',
  'required',
  'relevant',
  'constraint',
  'constraint_message',
  'constraint_id',
  'appearance',
  'min',
  'max',
  'max_length',
];
export const CHOICES_COLUMNS = ['list_name', 'name', 'label'];
export const SETTINGS_COLUMNS = ['form_id', 'version', 'form_title', 'default_language'];
export const INDICATOR_COLUMNS = ['id', 'unit', 'population', 'numerator', 'label', 'target', 'source'];

/** A header cell as column base and language: `label::Tiếng Việt (vi)` → label, vi; `label::en` → label, en. */
export function parseHeader(header: string): { base: string; lang?: Lang | 'other' } {
  const [base, suffix] = header.trim().split('::');
  if (suffix === undefined) return { base: base.toLowerCase() };
  const code = (/\(([A-Za-z-]+)\)\s*$/.exec(suffix)?.[1] ?? suffix).trim().toLowerCase();
  return { base: base.toLowerCase(), lang: code === 'vi' || code === 'en' ? code : 'other' };
}

/** A cell as trimmed text ('' for empty). */
export function text(cell: Cell): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}
