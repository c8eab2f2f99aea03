import type { Cell } from './cell.ts';
import { COLUMNS, type ColumnName } from './columns.ts';

type Column = (typeof COLUMNS)[number];

/** Where each known column sits in a record: its index, or absent when the file lacks it. */
export interface Header {
  /** The number of named columns: a record needs at least this many cells. */
  readonly width: number;
  readonly columns: readonly { readonly spec: Column; readonly index: number }[];
  readonly indexOf: Readonly<Partial<Record<ColumnName, number>>>;
}

export type HeaderResult =
  | { readonly ok: true; readonly header: Header; readonly problems?: never }
  | { readonly ok: false; readonly problems: readonly string[]; readonly header?: never };

const nameOf = (cell: Cell) =>
  String(cell ?? '')
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

const BY_NAME = new Map<string, Column>(COLUMNS.map((c) => [c.name, c]));

/**
 * Reads the header row: names trimmed, matched case-insensitively, a UTF-8 byte order mark
 * dropped. Every problem at once (missing required, unknown, duplicate, empty names), so the
 * analyst fixes the file in one go, before any row is scored.
 */
export function readHeader(cells: readonly Cell[]): HeaderResult {
  const indexOf: Partial<Record<ColumnName, number>> = {};
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const empty: number[] = [];
  // Trailing empty header cells (a stray delimiter at the end of the line) are harmless.
  let end = cells.length;
  while (end > 0 && nameOf(cells[end - 1]) === '') {
    end--;
  }
  for (let i = 0; i < end; i++) {
    const name = nameOf(cells[i]);
    const spec = BY_NAME.get(name);
    if (name === '') {
      empty.push(i + 1);
    } else if (spec === undefined) {
      unknown.push(name);
    } else if (indexOf[spec.name] !== undefined) {
      duplicate.push(name);
    } else {
      indexOf[spec.name] = i;
    }
  }
  const missing = COLUMNS.filter((c) => c.required && indexOf[c.name] === undefined).map(
    (c) => c.name,
  );
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(`missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }
  if (unknown.length > 0) {
    problems.push(
      `unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (known: ${COLUMNS.map((c) => c.name).join(', ')})`,
    );
  }
  if (duplicate.length > 0) {
    problems.push(`column${duplicate.length > 1 ? 's' : ''} given twice: ${duplicate.join(', ')}`);
  }
  if (empty.length > 0) {
    problems.push(`a column without a name at position ${empty.join(', ')}`);
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const columns = COLUMNS.flatMap((spec) => {
    const index = indexOf[spec.name];
    return index === undefined ? [] : [{ spec, index }];
  });
  return { ok: true, header: { width: end, columns, indexOf } };
}
