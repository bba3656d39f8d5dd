// .xlsx bytes ↔ the engine's plain workbook (sheet name → rows). The spreadsheet libraries are loaded on first
// use: only the two survey routes need them, not every cold start of the API.
import type { Cell, Workbook } from '@shared/questionnaire/xlsform-sheets';

/** Every sheet of an .xlsx file as rows of plain cells; throws on bytes that are not a workbook. */
export async function readWorkbook(bytes: Buffer): Promise<Workbook> {
  const { default: readXlsxFile } = await import('read-excel-file/node');
  const sheets = await readXlsxFile(bytes);
  const workbook: Workbook = {};
  for (const { sheet, data } of sheets) workbook[sheet] = data.map((row) => row.map((value) => plainCell(value)));
  return workbook;
}

function plainCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/** A workbook as .xlsx bytes, sheets in their order, every cell as typed (text stays text). */
export async function writeWorkbook(workbook: Workbook): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const sheets = Object.entries(workbook).map(([sheet, rows]) => ({
    sheet,
    stickyRowsCount: 1,
    data: rows.map((row) =>
      row.map((cell) =>
        cell === null || cell === undefined || cell === ''
          ? null
          : typeof cell === 'number'
            ? { type: Number, value: cell }
            : typeof cell === 'boolean'
              ? { type: Boolean, value: cell }
              : { type: String, value: cell },
      ),
    ),
  }));
  return writeXlsxFile(sheets).toBuffer();
}
