// Reading the aggregates CSV back in tests: the separator of the language, and columns named by their
// message key (`area_code`, `met`, …) whatever language the headers are written in.

import { registerMessages, translate } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import type { Lang } from '@shared/survey/form';
import { parse } from 'csv-parse/sync';
import { CSV_FORMAT, CSV_HEADERS } from '../../functions/lib/services/results/aggregates-csv';

registerMessages(OFFICIALS_MESSAGES);

export function parseAggregatesCsv(text: string | Buffer, lang: Lang = 'vi'): Record<string, string>[] {
  const keyOf = new Map(CSV_HEADERS.map((key) => [translate(lang, key), key.replace('export.col.', '')]));
  return parse(text, {
    bom: true,
    delimiter: CSV_FORMAT[lang].delimiter,
    columns: (header: string[]) =>
      header.map((cell) => {
        const key = keyOf.get(cell);
        if (!key) throw new Error(`unexpected CSV header ${cell}`);
        return key;
      }),
  });
}

/** A number of the API as the CSV writes it for `lang` (decimal comma in Vietnamese). */
export const csvDecimal = (value: number | null, lang: Lang = 'vi') => (value === null ? '' : String(value).replace('.', CSV_FORMAT[lang].decimal));
