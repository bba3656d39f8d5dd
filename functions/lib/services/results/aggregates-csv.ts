// The aggregates table as CSV that Excel opens by double-click: one row per area and indicator, the wards first
// and then the town/province totals, headers and "Đạt"/"Chưa đạt" in the caller's language. Excel reads a CSV
// with the separators of the computer's locale, so Vietnamese gets `;` and a decimal comma, English `,` and a
// decimal point; UTF-8 with a BOM so Excel reads the diacritics. The XLSX stays the primary "Excel" download.
// The area's households per review state follow the indicator's columns (repeated on each of its rows).

import type { AggregateLevel, AggregatesResponse } from '@shared/api/contract';
import { type MessageKey, translate } from '@shared/i18n/dictionary';
import { indicatorName } from '@shared/indicators/labels';
import { REVIEW_STATES } from '@shared/review/review';
import type { Lang } from '@shared/survey/form';
import { stringify } from 'csv-stringify/sync';

/**
 * Households per review state (the API's `households.submitted|approved|returned|rejected`), after the columns
 * that were there first so that a sheet reading columns by position still finds them.
 */
export const STATE_HEADERS: MessageKey[] = REVIEW_STATES.map((state) => `export.col.households_${state}` as const);

/** An area's households per review state, in `REVIEW_STATES` order (absent counts: null). */
export function stateCounts(area: AggregatesResponse['areas'][number]): (number | null)[] {
  return REVIEW_STATES.map((state) => area.households[state] ?? null);
}

export const CSV_HEADERS: MessageKey[] = [
  'export.col.round',
  'export.col.level',
  'export.col.area_code',
  'export.col.area_name',
  'export.col.households_surveyed',
  'export.col.households_total',
  'export.col.indicator_id',
  'export.col.indicator_name',
  'export.col.numerator',
  'export.col.denominator',
  'export.col.percent',
  'export.col.target',
  'export.col.met',
  ...STATE_HEADERS,
];

const LEVEL_NAME: Record<AggregateLevel, MessageKey> = {
  ward: 'export.sheet.ward',
  district: 'export.sheet.district',
  province: 'export.sheet.province',
};

/** Separator and decimal mark of a spreadsheet in the language's usual locale. */
export const CSV_FORMAT: Record<Lang, { delimiter: string; decimal: string }> = {
  vi: { delimiter: ';', decimal: ',' },
  en: { delimiter: ',', decimal: '.' },
};

/** Spreadsheets run cells starting with these as formulas; a leading quote keeps them text. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** An area's notes (results re-based onto another area set), as one cell. */
export function notesOf(area: AggregatesResponse['areas'][number]): string {
  const notes = (area as { notes?: { message: string }[] }).notes ?? [];
  return notes.map((n) => n.message).join(' ');
}

/** `levels` in the order the rows should appear (wards, then the totals above them). */
export function aggregatesCsv(levels: AggregatesResponse | readonly AggregatesResponse[], lang: Lang): string {
  const { delimiter, decimal } = CSV_FORMAT[lang];
  // Figures re-based onto another area set get a last column for the notes; others keep the documented columns.
  const noted = [levels].flat().some((aggregates) => 'rebasedFrom' in aggregates);
  const decimalOf = (value: number | null) => (value === null ? '' : String(value).replace('.', decimal));
  const rows = [levels]
    .flat()
    .flatMap((aggregates) =>
      aggregates.areas.flatMap((area) =>
        area.indicators.map((result) => [
          aggregates.roundId,
          translate(lang, LEVEL_NAME[area.level]),
          area.code,
          area.name,
          area.households.surveyed,
          area.households.total ?? '',
          result.id,
          indicatorName(result.id, lang, aggregates.indicators),
          result.numerator,
          result.denominator,
          decimalOf(result.percent),
          decimalOf(result.target),
          result.met === null ? '' : translate(lang, result.met ? 'export.met' : 'export.not_met'),
          ...stateCounts(area).map((n) => n ?? ''),
          ...(noted ? [notesOf(area)] : []),
        ]),
      ),
    );
  const header = [...CSV_HEADERS, ...(noted ? (['export.col.note'] as const) : [])].map((key) => translate(lang, key));
  const text = stringify([header, ...rows], {
    delimiter,
    cast: { string: neutraliseFormula, number: String },
    record_delimiter: '\r\n',
  });
  return `\uFEFF${text}`;
}
