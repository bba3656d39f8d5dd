// Reading an area set uploaded as CSV into the units the JSON import takes, each with its line in the file.
// Columns are found by name (English or Vietnamese, any order); `from` lists older ward codes separated by `|`,
// `code=name` for a unit the older set does not hold (a commune that joined from another district).
import type { UnitIssue } from '@shared/areas/area-set';
import { AREA_LEVELS, type AreaLevel } from '@shared/areas/areas';
import { foldName } from '@shared/text/fold-name';
import { parse } from 'csv-parse/sync';

type Column = 'code' | 'name' | 'level' | 'parentCode' | 'households' | 'from' | 'fromVillages';

const HEADER_ALIASES: Record<Column, string[]> = {
  code: ['code', 'ma', 'ma_don_vi'],
  name: ['name', 'ten', 'ten_don_vi'],
  level: ['level', 'cap'],
  parentCode: ['parent_code', 'parentcode', 'parent', 'ma_cap_tren'],
  households: ['households', 'so_ho'],
  from: ['from', 'don_vi_cu', 'tu_don_vi'],
  fromVillages: ['from_villages', 'fromvillages', 'thon_cu'],
};
const REQUIRED: Column[] = ['code', 'name', 'level', 'parentCode'];

/** Level words as admins write them, folded: the English ones and the Vietnamese names of each level. */
const LEVEL_WORDS: Record<string, AreaLevel> = {
  tinh: 'province',
  thanh_pho_truc_thuoc_trung_uong: 'province',
  huyen: 'district',
  quan: 'district',
  thi_xa: 'district',
  xa: 'ward',
  phuong: 'ward',
  thi_tran: 'ward',
  xa_phuong: 'ward',
  thon: 'village',
  khu_pho: 'village',
  to_dan_pho: 'village',
  ban: 'village',
  ap: 'village',
};

const key = (cell: string) =>
  foldName(cell)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

function levelOf(cell: string): string {
  const word = key(cell);
  return (AREA_LEVELS as readonly string[]).includes(word) ? word : (LEVEL_WORDS[word] ?? cell);
}

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

type Record_ = { record: string[]; line: number };

function recordsOf(text: string): { records: Record_[]; badLines: number[] } {
  const delimiter = delimiterOf(text);
  const read = (chunk: string, firstLine: number) =>
    (
      parse(chunk, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as {
        record: string[];
        info: { lines: number };
      }[]
    ).map(({ record, info }) => ({ record, line: firstLine + info.lines - 1 }));
  try {
    return { records: read(text, 1), badLines: [] };
  } catch {
    // A stray quote swallows the rest of the file: read line by line and name each line that still fails.
    const records: Record_[] = [];
    const badLines: number[] = [];
    text.split(/\r?\n/).forEach((line, index) => {
      try {
        records.push(...read(line, index + 1));
      } catch {
        badLines.push(index + 1);
      }
    });
    return { records, badLines };
  }
}

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean);

export interface AreaSetCsv {
  /** Units in the JSON import's shape (validated there). */
  units: unknown[];
  /** The file line of each unit. */
  lines: number[];
  /** Issues found while reading: a missing column (line 1), an unreadable line, a households cell not a number. */
  issues: UnitIssue[];
}

/** The units of an area-set CSV, each with the line it is on (line 1 is the header). */
export function readAreaSetCsv(text: string): AreaSetCsv {
  const { records, badLines } = recordsOf(text.replace(/^\uFEFF/, ''));
  const issues: UnitIssue[] = badLines.map((line) => ({ line, field: '', key: 'areaSets.unreadable_line' }));
  const header = records[0];
  if (!header) return { units: [], lines: [], issues };
  const index = new Map<Column, number>();
  header.record.forEach((cell, i) => {
    const column = (Object.keys(HEADER_ALIASES) as Column[]).find((c) => HEADER_ALIASES[c].includes(key(cell)));
    if (column && !index.has(column)) index.set(column, i);
  });
  const missing = REQUIRED.filter((column) => !index.has(column));
  for (const column of missing) issues.push({ line: header.line, field: column, key: 'areaSets.missing_column', params: { column } });
  if (missing.length > 0) return { units: [], lines: [], issues };
  const units: unknown[] = [];
  const lines: number[] = [];
  for (const { record, line } of records.slice(1)) {
    if (record.every((cell) => cell === '')) continue;
    const cell = (column: Column) => {
      const i = index.get(column);
      return i === undefined ? undefined : record[i];
    };
    const households = cell('households') ?? '';
    const count = households === '' ? null : Number(households.replace(/[.,\s]/g, ''));
    if (count !== null && !(Number.isInteger(count) && count >= 0)) {
      issues.push({ line, field: 'households', key: 'areaSets.invalid_households' });
      continue;
    }
    const from = list(cell('from'));
    const fromNames = Object.fromEntries(
      from.filter((f) => f.includes('=')).map((f) => [f.slice(0, f.indexOf('=')).trim(), f.slice(f.indexOf('=') + 1).trim()]),
    );
    units.push({
      code: cell('code') ?? '',
      name: cell('name') ?? '',
      level: levelOf(cell('level') ?? ''),
      parentCode: (cell('parentCode') ?? '') === '' ? null : cell('parentCode'),
      ...(count === null ? {} : { households: count }),
      ...(from.length > 0 ? { from: from.map((f) => (f.includes('=') ? f.slice(0, f.indexOf('=')).trim() : f)) } : {}),
      ...(Object.keys(fromNames).length > 0 ? { fromNames } : {}),
      ...(list(cell('fromVillages')).length > 0 ? { fromVillages: list(cell('fromVillages')) } : {}),
    });
    lines.push(line);
  }
  return { units, lines, issues };
}
