// The aggregates table as an Excel workbook: one sheet per level (wards, town, province), one row per area and
// indicator like the CSV, but with typed cells: counts and percentages are numbers (percent as a fraction with a
// 0.0% format, so Excel sums and charts them), the header row frozen, headers in the caller's language, the
// households per review state after the indicator's columns. Figures re-based onto another area set get a last
// column with each area's notes, like the CSV.

import type { AggregateLevel, AggregatesResponse } from '@shared/api/contract';
import { type MessageKey, translate } from '@shared/i18n/dictionary';
import { indicatorName } from '@shared/indicators/labels';
import type { Lang } from '@shared/survey/form';
import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/node';
import { neutraliseFormula, notesOf, STATE_HEADERS, stateCounts } from './aggregates-csv';

const SHEET_NAME: Record<AggregateLevel, MessageKey> = {
  ward: 'export.sheet.ward',
  district: 'export.sheet.district',
  province: 'export.sheet.province',
};

const HEADERS: MessageKey[] = [
  'export.col.area_code',
  'export.col.area_name',
  'export.col.households_surveyed',
  'export.col.households_total',
  'export.col.coverage',
  'export.col.indicator_id',
  'export.col.indicator_name',
  'export.col.numerator',
  'export.col.denominator',
  'export.col.percent',
  'export.col.target',
  'export.col.met',
  ...STATE_HEADERS,
];

const COLUMN_WIDTHS = [10, 24, 12, 12, 10, 24, 60, 11, 11, 10, 10, 12, ...STATE_HEADERS.map(() => 12)];
const NOTE_WIDTH = 60;
const isRebased = (aggregates: AggregatesResponse) => 'rebasedFrom' in aggregates;
const PERCENT_FORMAT = '0.0%';

const text = (value: string): Cell => ({ type: String, value: neutraliseFormula(value) });
const count = (value: number | null): Cell => (value === null ? null : { type: Number, value, format: '#,##0' });
/** Percent values of the API (0..100, one decimal) become fractions, shown as 91.6% by the cell format. */
const percent = (value: number | null): Cell => (value === null ? null : { type: Number, value: value / 100, format: PERCENT_FORMAT });

function sheetRows(aggregates: AggregatesResponse, lang: Lang): Row[] {
  const noted = isRebased(aggregates);
  const keys: MessageKey[] = noted ? [...HEADERS, 'export.col.note'] : HEADERS;
  const header: Row = keys.map((key) => ({ type: String, value: translate(lang, key), fontWeight: 'bold' as const }));
  const rows = aggregates.areas.flatMap((area) => {
    const { surveyed, total } = area.households;
    const coverage = total ? Math.round((surveyed * 1000) / total) / 10 : null;
    return area.indicators.map(
      (result): Row => [
        text(area.code),
        text(area.name),
        count(surveyed),
        count(total),
        percent(coverage),
        text(result.id),
        text(indicatorName(result.id, lang, aggregates.indicators)),
        count(result.numerator),
        count(result.denominator),
        // Nobody in the denominator: no data, never 0% or 100%.
        result.percent === null ? { type: String, value: translate(lang, 'export.no_data'), textColor: '#555555' } : percent(result.percent),
        percent(result.target),
        result.met === null
          ? null
          : { type: String, value: translate(lang, result.met ? 'export.met' : 'export.not_met'), textColor: result.met ? '#1B5E20' : '#B71C1C' },
        ...stateCounts(area).map(count),
        ...(noted ? [notesOf(area) ? text(notesOf(area)) : null] : []),
      ],
    );
  });
  return [header, ...rows];
}

/** The workbook as bytes; `levels` in the order the sheets should appear. */
export async function aggregatesXlsx(levels: readonly AggregatesResponse[], lang: Lang): Promise<Buffer> {
  const sheets: Sheet<Buffer>[] = levels.map((aggregates) => ({
    data: sheetRows(aggregates, lang),
    sheet: translate(lang, SHEET_NAME[aggregates.level]),
    columns: (isRebased(aggregates) ? [...COLUMN_WIDTHS, NOTE_WIDTH] : COLUMN_WIDTHS).map((width) => ({ width })),
    stickyRowsCount: 1,
  }));
  return writeXlsxFile(sheets).toBuffer();
}
