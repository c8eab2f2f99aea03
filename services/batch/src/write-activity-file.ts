import { createWriteStream } from 'node:fs';
import { type EventEmitter, once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { COLUMNS } from './columns.ts';
import { setZipEntryTimes } from './zip-entry-times.ts';
import type { ActivityRow } from './generate.ts';

const NAMES = COLUMNS.map((column) => column.name);
/** Columns whose cells an XLSX holds as numbers (what a spreadsheet user would type). */
const NUMERIC = new Set<string>(
  COLUMNS.filter((c) => c.type === 'count' || c.type === 'number').map((c) => c.name),
);
/** Lines gathered per write: one small string per row would make the stream the bottleneck. */
const LINES_PER_CHUNK = 512;
/** Rows an XLSX writer adds between looks at the zip stream's backlog. */
const DRAIN_EVERY_ROWS = 200;

/**
 * What ExcelJS 4.4.0 (pinned) pipes a worksheet's XML into: the zip entry's writable side, a
 * PassThrough of the `readable-stream` package (which keeps `needDrain` in its writable state).
 */
interface EntryStream extends EventEmitter {
  readonly _writableState?: { readonly needDrain?: boolean };
}
interface SheetInternals {
  readonly stream?: { readonly pipes?: readonly EntryStream[] };
}

/**
 * ExcelJS's streaming writer has no backpressure: a committed row is written to the zip entry at
 * once, and when deflate falls behind the backlog grows with the row count (400 MB of buffers for
 * 300,000 rows). Waiting for the entry's 'drain' keeps it at the stream's high-water mark. Reads
 * an internal of the pinned version; without it, no waiting (as before).
 */
async function drained(sheet: unknown): Promise<void> {
  const target = (sheet as SheetInternals).stream?.pipes?.[0];
  if (target?._writableState?.needDrain === true) {
    await once(target, 'drain');
  }
}

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
 * workbook's properties and its zip entries (never the wall clock): the same rows, the same bytes.
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
  let written = 0;
  for (const row of rows) {
    if (++written % DRAIN_EVERY_ROWS === 0) {
      await drained(sheet);
    }
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
  // ExcelJS dates two zip entries with the time they were written; the same rows, the same bytes.
  await setZipEntryTimes(path, createdAt);
}
