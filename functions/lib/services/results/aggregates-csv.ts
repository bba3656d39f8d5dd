// The aggregates table as CSV: one row per area and indicator, UTF-8 with a BOM so Excel reads Vietnamese.

import type { AggregatesResponse } from '@shared/api/contract';
import { indicatorName } from '@shared/indicators/labels';
import type { Lang } from '@shared/survey/form';
import { stringify } from 'csv-stringify/sync';

export const CSV_COLUMNS = [
  'round_id',
  'level',
  'area_code',
  'area_name',
  'households_surveyed',
  'households_total',
  'indicator_id',
  'indicator_name',
  'numerator',
  'denominator',
  'percent',
  'target',
  'met',
] as const;

/** Spreadsheets run cells starting with these as formulas; a leading quote keeps them text. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** An area's notes (results re-based onto another area set), as one cell. */
function notesOf(area: AggregatesResponse['areas'][number]): string {
  const notes = (area as { notes?: { message: string }[] }).notes ?? [];
  return notes.map((n) => n.message).join(' ');
}

export function aggregatesCsv(aggregates: AggregatesResponse, lang: Lang): string {
  // Figures re-based onto another area set get a last column for the notes; others keep the documented columns.
  const noted = 'rebasedFrom' in aggregates;
  const rows = aggregates.areas.flatMap((area) =>
    area.indicators.map((result) => [
      aggregates.roundId,
      area.level,
      area.code,
      area.name,
      area.households.surveyed,
      area.households.total ?? '',
      result.id,
      indicatorName(result.id, lang, aggregates.indicators),
      result.numerator,
      result.denominator,
      result.percent ?? '',
      result.target ?? '',
      result.met === null ? '' : result.met ? 'true' : 'false',
      ...(noted ? [notesOf(area)] : []),
    ]),
  );
  const text = stringify([[...CSV_COLUMNS, ...(noted ? ['note'] : [])], ...rows], {
    cast: { string: neutraliseFormula, number: String },
    record_delimiter: '\r\n',
  });
  return `\uFEFF${text}`;
}
