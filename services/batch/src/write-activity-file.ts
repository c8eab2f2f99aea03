import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { COLUMNS } from './columns.ts';
import type { ActivityRow } from './generate.ts';

const NAMES = COLUMNS.map((column) => column.name);
/** Columns whose cells an XLSX holds as numbers (what a spreadsheet user would type). */
const NUMERIC = new Set<string>(
  COLUMNS.filter((c) => c.type === 'count' || c.type === 'number').map((c) => c.name),
);
/** Lines gathered per write: one small string per row would make the stream the bottleneck. */
const LINES_PER_CHUNK = 512;

/** One CSV field (RFC 4180): quoted only when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function* csvChunks(rows: Iterable<ActivityRow>): Generator<string> {
  let chunk = `${NAMES.join(',')}\n`;
  let lines = 0;
  for (const row of rows) {
    chunk += `${NAMES.map((name) => csvField(row[name])).join(',')}\n`;
    if (++lines === LINES_PER_CHUNK) {
      yield chunk;
      chunk = '';
      lines = 0;
    }
  }
  yield chunk;
}

/**
 * Writes rows as a UTF-8 CSV (header first, LF line ends), pulling them one chunk at a time as the
 * file accepts them: memory stays flat however many rows the iterable yields.
 */
export async function writeActivityCsv(rows: Iterable<ActivityRow>, path: string): Promise<void> {
  await pipeline(Readable.from(csvChunks(rows)), createWriteStream(path));
}

/**
 * Writes rows as an XLSX workbook with one sheet, `activity`, through ExcelJS's streaming writer:
 * each row is committed (serialised and let go) as soon as it is added. Counts and numbers are
 * numeric cells, everything else text, an empty cell is left out. `createdAt` stamps the
 * workbook's properties (never the wall clock, so the cells are the same for the same input).
 */
export async function writeActivityXlsx(
  rows: Iterable<ActivityRow>,
  path: string,
  createdAt: Date,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: false,
    useStyles: false,
  });
  workbook.creator = 'Sentinel npm run generate';
  workbook.created = createdAt;
  workbook.modified = createdAt;
  const sheet = workbook.addWorksheet('activity');
  sheet.addRow(NAMES).commit();
  for (const row of rows) {
    sheet
      .addRow(
        NAMES.map((name) => {
          const cell = row[name];
          if (cell === '') {
            return null;
          }
          return NUMERIC.has(name) ? Number(cell) : cell;
        }),
      )
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}
