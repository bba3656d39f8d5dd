// The raw export as an Excel workbook, streamed: exceljs's streaming writer commits each row as it comes, and the
// loop waits whenever the reader (the upload) is behind, so memory stays flat. A sheet holds at most 1,048,576
// rows: a province's long export rolls over to a new sheet every million rows.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../results/aggregates-csv';
import { type Cell, exportColumns } from './response-rows';
import { type ResponsesExport, rowsOf } from './responses-csv';

export const ROWS_PER_SHEET = 1_000_000;

const cellValue = (value: Cell) => (typeof value === 'string' ? neutraliseFormula(value) : value);

export function responsesXlsxStream(options: ResponsesExport): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const counter = options.counter ?? { rows: 0 };
  const columns = exportColumns(options.shape);
  const write = async () => {
    let sheet: ExcelJS.Worksheet | undefined;
    let inSheet = 0;
    let sheets = 0;
    for await (const row of rowsOf(options, counter)) {
      if (!sheet || inSheet === ROWS_PER_SHEET) {
        sheet?.commit();
        sheets += 1;
        sheet = workbook.addWorksheet(`responses-${sheets}`);
        sheet.addRow(columns).commit();
        inSheet = 0;
      }
      sheet.addRow(row.map(cellValue)).commit();
      inSheet += 1;
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    if (!sheet) sheet = workbook.addWorksheet('responses-1');
    if (inSheet === 0) sheet.addRow(columns).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().then(
    () => options.onEnd?.({ rows: counter.rows }),
    (error) => {
      options.onEnd?.({ rows: counter.rows, error });
      out.destroy(error);
    },
  );
  return out;
}
