// Reading an uploaded roster file into rows by field. Excel in a Vietnamese locale saves CSV with `;`
// (the comma is the decimal separator there), so the delimiter is taken from the first line.

import { foldName, ROSTER_FIELDS, type RosterField, type RosterRow } from '@shared/roster/validate-roster';
import { parse } from 'csv-parse/sync';

/** Header names accepted per field, compared folded (no case, no diacritics, `_` for separators). */
const HEADER_ALIASES: Record<RosterField, string[]> = {
  wardCode: ['ward_code', 'ward', 'ma_phuong_xa', 'ma_xa', 'ma_phuong', 'phuong_xa', 'ma_don_vi'],
  village: ['village', 'village_code', 'village_name', 'thon', 'thon_khu_pho', 'khu_pho', 'thon_to_dan_pho', 'ma_thon'],
  householdCode: ['household_code', 'household', 'ma_ho', 'ma_ho_gia_dinh'],
  headName: ['head_name', 'head', 'chu_ho', 'ho_ten_chu_ho', 'ten_chu_ho'],
  address: ['address', 'dia_chi'],
};

const headerKey = (cell: string) =>
  foldName(cell)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

function fieldOfHeader(cell: string): RosterField | undefined {
  const key = headerKey(cell);
  return ROSTER_FIELDS.find((field) => HEADER_ALIASES[field].includes(key) || headerKey(field) === key);
}

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

type ParsedRecord = { record: string[]; line: number };

const parseRecords = (text: string, delimiter: string, firstLine = 1): ParsedRecord[] =>
  (
    parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[]
  ).map(({ record, info }) => ({ record, line: firstLine + info.lines - 1 }));

/**
 * The records of the file. A stray quote makes csv-parse give up on the whole file (an unclosed quote swallows
 * every line after it), so a file that does not parse is read again line by line: each line that still fails
 * is reported by number and the others go on to be validated. (Quoted line breaks only survive in a file
 * without such a mistake.)
 */
function recordsOf(body: string): { records: ParsedRecord[]; badLines: number[] } {
  const delimiter = delimiterOf(body);
  try {
    return { records: parseRecords(body, delimiter), badLines: [] };
  } catch {
    const records: ParsedRecord[] = [];
    const badLines: number[] = [];
    body.split(/\r?\n/).forEach((text, index) => {
      try {
        records.push(...parseRecords(text, delimiter, index + 1));
      } catch {
        badLines.push(index + 1);
      }
    });
    return { records, badLines };
  }
}

/**
 * Rows of the file with their line numbers, and the lines that could not be read as CSV. A first row whose
 * cells are all known header names maps columns by name (in any order); otherwise columns are positional:
 * ward code, village, household code, head name, address.
 */
export function readRosterCsv(text: string): { rows: RosterRow[]; badLines: number[] } {
  const { records, badLines } = recordsOf(text.replace(/^\uFEFF/, ''));
  if (records.length === 0) return { rows: [], badLines };
  const headerFields = records[0].record.map(fieldOfHeader);
  const hasHeader = headerFields.filter(Boolean).length >= 3;
  const columns: (RosterField | undefined)[] = hasHeader ? headerFields : [...ROSTER_FIELDS];
  const rows = (hasHeader ? records.slice(1) : records)
    .filter(({ record }) => record.some((cell) => cell !== ''))
    .map(({ record, line }) => {
      const cells: RosterRow['cells'] = {};
      columns.forEach((field, index) => {
        if (field && record[index] !== undefined) cells[field] = record[index];
      });
      return { line, cells };
    });
  return { rows, badLines };
}

export const parseRosterCsv = (text: string): RosterRow[] => readRosterCsv(text).rows;
