// A round's history as CSV for admins: one row per changed answer (one row for an entry that changed none),
// ward after ward, response after response, streamed like the raw export (rows made only as the reader asks).
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { HistoryRepo, ResponsesRepo } from '../../repo/types';
import { neutraliseFormula } from '../results/aggregates-csv';

export const HISTORY_COLUMNS = ['response_id', 'ward_code', 'village_code', 'household_code', 'version', 'at', 'by', 'action', 'reason', 'path', 'from', 'to'];

export interface HistoryExport {
  responses: Pick<ResponsesRepo, 'listAllInWard'>;
  history: Pick<HistoryRepo, 'list'>;
  roundId: string;
  wardCodes: readonly string[];
}

const cell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

export async function* historyRows({ responses, history, roundId, wardCodes }: HistoryExport): AsyncGenerator<string[]> {
  for (const wardCode of wardCodes) {
    for await (const item of responses.listAllInWard(roundId, wardCode, { pageSize: 250 })) {
      for (const entry of await history.list(item.id)) {
        const head = [
          item.id,
          item.wardCode,
          item.villageCode,
          item.householdCode ?? '',
          String(entry.version),
          entry.at,
          entry.by,
          entry.action,
          entry.reason ?? '',
        ];
        if (entry.changes.length === 0 || entry.action === 'create') yield [...head, '', '', ''];
        else for (const change of entry.changes) yield [...head, change.path, cell(change.from), cell(change.to)];
      }
    }
  }
}

/** UTF-8 CSV with a BOM, CRLF, formula-like text neutralised (as the raw export). */
export function historyCsvStream(options: HistoryExport): Readable {
  const csv = stringify({ bom: true, header: true, columns: HISTORY_COLUMNS, record_delimiter: '\r\n', cast: { string: neutraliseFormula } });
  const source = Readable.from(historyRows(options), { objectMode: true, highWaterMark: 64 });
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}
