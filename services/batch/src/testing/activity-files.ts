// Test support: activity files written to a temp dir, CSV by hand and XLSX with ExcelJS's
// streaming writer, so the readers are tested on real files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** A valid row: SIM swapped 9 h before as_of and a handset first seen 7 h ago (45, MEDIUM). */
export const SWAPPED_ROW: Readonly<Record<string, string>> = {
  subscriber_id: 'SUB-1',
  msisdn: '+27821234567',
  as_of: '2026-12-05T18:00:00Z',
  last_sim_change_at: '2026-12-05T09:00:00Z',
  device_id: 'dev-new',
  device_first_seen_at: '2026-12-05T11:00:00Z',
};

/** A valid row with nothing unusual in it (0, LOW). */
export const QUIET_ROW: Readonly<Record<string, string>> = {
  subscriber_id: 'SUB-2',
  msisdn: '+27821234568',
  as_of: '2026-12-05T18:00:00Z',
};

/** A temp dir for one test file; `cleanup` removes it. */
export function tempDir(prefix: string): {
  dir: string;
  path(name: string): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** CSV text of rows under `columns`, with LF or CRLF line ends; cells as given (quote them yourself). */
export function csvText(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, string>>[],
  eol = '\n',
): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))]
    .map((line) => line + eol)
    .join('');
}

export function writeText(path: string, text: string | Buffer): string {
  writeFileSync(path, text);
  return path;
}

/** An XLSX workbook written with ExcelJS's streaming writer: sheets in order, rows of cells. */
export async function writeXlsx(
  path: string,
  sheets: readonly { name: string; rows: Iterable<readonly unknown[]> }[],
): Promise<string> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true, // date cells need a number format
    useSharedStrings: true,
  });
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) {
      worksheet.addRow([...row]).commit();
    }
    worksheet.commit();
  }
  await workbook.commit();
  return path;
}
