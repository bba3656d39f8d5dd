// The raw export as a CSV byte stream: responses are read a DynamoDB page at a time, ward after ward, and each
// page is turned into rows only when the reader (the HTTP response, and through it the client) asks for more.
// Memory stays flat however many households a round holds.

import { Readable, Transform } from 'node:stream';
import type { AreaTree } from '@shared/areas/areas';
import type { Definition } from '@shared/questionnaire/definition';
import { stringify } from 'csv-stringify';
import type { ResponsesRepo } from '../../repo/types';
import { neutraliseFormula } from '../results/aggregates-csv';
import { type Cell, type ExportShape, exportColumns, responseRows } from './response-rows';

/** Households per DynamoDB read: small pages keep what is in memory at once small (a full page is 1 MB). */
export const EXPORT_PAGE_SIZE = 250;

export interface ResponsesExport {
  responses: Pick<ResponsesRepo, 'listAllInWard'>;
  tree: AreaTree;
  roundId: string;
  wardCodes: readonly string[];
  shape: ExportShape;
  /** The round's questionnaire version: its questions are the answer columns (household-dx v1 when absent). */
  definition?: Definition;
  /** Counts rows as they are produced (a job's progress); absent: counted internally. */
  counter?: { rows: number };
  /** Called once the last row is out (or with the error that cut the export short). */
  onEnd?: (outcome: { rows: number; error?: unknown }) => void;
}

export async function* rowsOf(
  { responses, tree, roundId, wardCodes, shape, definition }: Omit<ResponsesExport, 'onEnd' | 'counter'>,
  counter: { rows: number },
): AsyncGenerator<Cell[]> {
  for (const wardCode of wardCodes) {
    for await (const item of responses.listAllInWard(roundId, wardCode, { pageSize: EXPORT_PAGE_SIZE })) {
      if (item.deletedAt) continue;
      for (const row of responseRows(item, shape, tree, definition)) {
        counter.rows += 1;
        yield row;
      }
    }
  }
}

/** UTF-8 CSV with a BOM (Excel then reads Vietnamese right), CRLF, formula-like text neutralised. */
export function responsesCsvStream(options: ResponsesExport): Readable {
  const counter = options.counter ?? { rows: 0 };
  const csv = stringify({
    bom: true,
    header: true,
    columns: exportColumns(options.shape, options.definition),
    record_delimiter: '\r\n',
    cast: { string: neutraliseFormula, number: String },
  });
  const source = Readable.from(rowsOf(options, counter), { objectMode: true, highWaterMark: 64 });
  const out = coalesce(CHUNK_BYTES);
  // A failed read must cut the download short (the client sees an aborted transfer, not a complete-looking file).
  source.on('error', (error) => {
    options.onEnd?.({ rows: counter.rows, error });
    csv.destroy();
    out.destroy(error);
  });
  csv.on('error', (error) => out.destroy(error));
  csv.on('end', () => options.onEnd?.({ rows: counter.rows }));
  return source.pipe(csv).pipe(out);
}

/** Bytes per chunk handed to the HTTP response: one write per ~100 rows instead of one per row. */
const CHUNK_BYTES = 64 * 1024;

/** Gathers small chunks (csv-stringify emits one per record) into chunks of about `size` bytes. */
function coalesce(size: number): Transform {
  let parts: Buffer[] = [];
  let length = 0;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      parts.push(buffer);
      length += buffer.length;
      if (length >= size) {
        this.push(Buffer.concat(parts, length));
        parts = [];
        length = 0;
      }
      done();
    },
    flush(done) {
      if (length > 0) this.push(Buffer.concat(parts, length));
      done();
    },
  });
}
