import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './cell.ts';
import { UnreadableFileError, type RawRecord, type RecordSource } from './raw-record.ts';

const RUN = 1000; // records per run handed over

/**
 * Streams one worksheet of an XLSX workbook with ExcelJS's streaming `WorkbookReader` (never
 * `readFile`, which holds the whole workbook in memory). The first sheet by default, or the one
 * named `sheet`; a missing sheet is an `UnreadableFileError` listing the sheets there are. A
 * record's `line` is the worksheet's row number. Date cells arrive as Dates (UTC).
 */
export async function openXlsx(path: string, sheet?: string): Promise<RecordSource> {
  const { size } = await stat(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  return {
    records: records(file, sheet),
    bytesRead: () => file.bytesRead,
    totalBytes: size,
    shortRowsAllowed: true,
  };
}

async function* records(file: Readable, sheet?: string): AsyncGenerator<RawRecord[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // the number formats tell a date cell from a number
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const seen: string[] = [];
  try {
    for await (const worksheet of workbook) {
      const name = (worksheet as { name?: string }).name ?? `sheet ${seen.length + 1}`;
      seen.push(name);
      if (sheet !== undefined && name !== sheet) {
        continue; // ExcelJS drains a worksheet that is not read
      }
      let run: RawRecord[] = [];
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        // ExcelJS's row values are 1-based, sparse where cells are empty.
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) {
          cells.push(cellOf(values[i]));
        }
        run.push({ line: row.number, cells });
        if (run.length === RUN) {
          yield run;
          run = [];
        }
      }
      yield run;
      return;
    }
  } catch (error) {
    throw new UnreadableFileError(
      `the workbook could not be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  throw new UnreadableFileError(
    seen.length === 0
      ? 'the workbook has no worksheets'
      : `the workbook has no sheet named ${JSON.stringify(sheet)}; its sheets: ${seen.map((s) => JSON.stringify(s)).join(', ')}`,
  );
}

/** A cell as plain data: rich text joined, a formula's cached result, a hyperlink's text. */
function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) {
    return null;
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value;
  }
  const v = value as {
    richText?: { text: string }[];
    result?: unknown;
    formula?: string;
    sharedFormula?: string;
    text?: unknown;
    error?: string;
  };
  if (v.richText !== undefined) {
    return v.richText.map((r) => r.text).join('');
  }
  if (v.formula !== undefined || v.sharedFormula !== undefined) {
    return cellOf(v.result);
  }
  if (v.text !== undefined) {
    return cellOf(v.text);
  }
  return v.error ?? JSON.stringify(value);
}
