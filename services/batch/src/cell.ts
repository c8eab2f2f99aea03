import { parseTimestamp, TIMESTAMP_FORMS } from './timestamp.ts';
import type { ColumnSpec } from './columns.ts';

/**
 * One cell as a reader hands it over: CSV gives strings; XLSX also numbers, booleans and Dates
 * (date cells). null or undefined = no cell. Plain data, so a batch of them crosses to a worker.
 */
export type Cell = string | number | boolean | Date | null | undefined;

/** A parsed cell value, or the problem with it in words (no cell content that could be personal). */
export type CellResult = { readonly value: unknown } | { readonly problem: string };

/** Inclusive bounds of a numeric column, where the engine or geography sets them. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

const COUNT_MAX = 1_000_000; // the engine's telco usage bound for a 24 h count
const DIGITS = /^\d{1,15}$/;
// Plain decimals only: an exponent (1e999), a thousands separator or a unit is a typo to report.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);

/** Shows a bad value in a message, short: a 1 MB cell is not echoed back whole. */
const shown = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Reads a non-empty cell as its column's type. The caller has already treated empty as absent. */
export function parseCell(
  type: ColumnSpec['type'],
  cell: string | number | boolean | Date,
  range?: Range,
): CellResult {
  switch (type) {
    case 'text':
      return text(cell);
    case 'msisdn':
      return typeof cell === 'string' && E164.test(cell)
        ? { value: cell }
        : { problem: 'must be a phone number in E.164 form, such as +27821234567' };
    case 'timestamp': {
      const at = typeof cell === 'string' || cell instanceof Date ? parseTimestamp(cell) : null;
      return at === null
        ? { problem: `${describe(cell)} is not a date-time; accepted: ${TIMESTAMP_FORMS}` }
        : { value: at };
    }
    case 'count':
      return count(cell, range);
    case 'number':
      return decimal(cell, range);
    case 'boolean':
      return bool(cell);
    case 'country':
      return typeof cell === 'string' && COUNTRY.test(cell)
        ? { value: cell.toUpperCase() }
        : { problem: `${describe(cell)} is not an ISO 3166-1 alpha-2 country code such as MZ` };
  }
}

function text(cell: string | number | boolean | Date): CellResult {
  const value = cell instanceof Date ? cell.toISOString() : String(cell);
  return value.length > 128 ? { problem: 'is longer than 128 characters' } : { value };
}

function count(cell: string | number | boolean | Date, range?: Range): CellResult {
  const n =
    typeof cell === 'number'
      ? cell
      : typeof cell === 'string' && DIGITS.test(cell)
        ? Number(cell)
        : NaN;
  const max = range?.max ?? COUNT_MAX;
  if (!Number.isInteger(n) || n < 0 || n > max) {
    return { problem: `${describe(cell)} is not a count: a whole number from 0 to ${max}` };
  }
  return { value: n };
}

function decimal(cell: string | number | boolean | Date, range?: Range): CellResult {
  const n =
    typeof cell === 'number'
      ? cell
      : typeof cell === 'string' && DECIMAL.test(cell)
        ? Number(cell)
        : NaN;
  if (!Number.isFinite(n)) {
    return {
      problem: `${describe(cell)} is not a number (digits and a decimal point, such as 12.5)`,
    };
  }
  if (range !== undefined && (n < range.min || n > range.max)) {
    return { problem: `${describe(cell)} is out of range: from ${range.min} to ${range.max}` };
  }
  return { value: n };
}

function bool(cell: string | number | boolean | Date): CellResult {
  if (typeof cell === 'boolean') {
    return { value: cell };
  }
  const word = String(cell).toLowerCase();
  if (TRUE.has(word)) {
    return { value: true };
  }
  if (FALSE.has(word)) {
    return { value: false };
  }
  return { problem: `${describe(cell)} is not a yes/no value: true/false, yes/no, 1/0 or y/n` };
}

function describe(cell: string | number | boolean | Date): string {
  if (cell instanceof Date) {
    return 'a date cell';
  }
  return typeof cell === 'string' ? shown(cell) : String(cell);
}
