// The raw export as a CSV byte stream: responses are read a DynamoDB page at a time, ward after ward, and each
// page is turned into rows only when the reader (the HTTP response, and through it the client) asks for more.
// Memory stays flat however many households a round holds.
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import type { AreaTree } from '../../../shared/areas/areas';
import { neutraliseFormula } from '../aggregation/aggregates-csv';
import type { ResponsesRepo } from '../repo/types';
import { exportColumns, responseRows, type Cell, type ExportShape } from './response-rows';

/** Households per DynamoDB read: small pages keep what is in memory at once small (a full page is 1 MB). */
export const EXPORT_PAGE_SIZE = 250;

export interface ResponsesExport {
  responses: Pick<ResponsesRepo, 'listAllInWard'>;
  tree: AreaTree;
  roundId: string;
  wardCodes: readonly string[];
  shape: ExportShape;
  /** Called once the last row is out (or with the error that cut the export short). */
  onEnd?: (outcome: { rows: number; error?: unknown }) => void;
}

async function* rowsOf({ responses, tree, roundId, wardCodes, shape }: ResponsesExport, counter: { rows: number }): AsyncGenerator<Cell[]> {
  for (const wardCode of wardCodes) {
    for await (const item of responses.listAllInWard(roundId, wardCode, { pageSize: EXPORT_PAGE_SIZE })) {
      if (item.deletedAt) continue;
      for (const row of responseRows(item, shape, tree)) {
        counter.rows += 1;
        yield row;
      }
    }
  }
}

/** UTF-8 CSV with a BOM (Excel then reads Vietnamese right), CRLF, formula-like text neutralised. */
export function responsesCsvStream(options: ResponsesExport): Readable {
  const counter = { rows: 0 };
  const csv = stringify({
    bom: true,
    header: true,
    columns: exportColumns(options.shape),
    record_delimiter: '\r\n',
    cast: { string: neutraliseFormula, number: String },
  });
  const source = Readable.from(rowsOf(options, counter), { objectMode: true, highWaterMark: 64 });
  source.on('error', (error) => {
    options.onEnd?.({ rows: counter.rows, error });
    csv.destroy(error);
  });
  csv.on('end', () => options.onEnd?.({ rows: counter.rows }));
  return source.pipe(csv);
}
