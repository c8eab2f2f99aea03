/** The timestamp forms an activity file may use, in words, for error messages and `--help`. */
export const TIMESTAMP_FORMS =
  'ISO 8601 (2026-12-05T18:00:00Z, with an offset such as +02:00, or without one = UTC), ' +
  '2026-12-05 18:00[:00], 2026-12-05, 2026/12/05[ 18:00[:00]], 05/12/2026[ 18:00[:00]] ' +
  '(day first, as in South Africa) or an Excel date cell';

// ISO 8601 / RFC 3339 and its everyday relatives: a date, then optionally a time (T or a space),
// fraction and offset. No offset means UTC (the column's documented unit).
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
// Year first with slashes (2026/12/05 18:00) and day first with slashes (05/12/2026 18:00): the
// forms spreadsheets export in South Africa. Month-first (US) dates are not accepted: 05/12 is
// ambiguous, and a silent misreading of a SIM swap date is worse than a rejected row.
const SLASH_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads a timestamp cell: a string in one of `TIMESTAMP_FORMS`, or a Date (an Excel date cell,
 * which ExcelJS reads as UTC). Returns null when it is none of them or names no real instant
 * (31/02/2026, 25:00).
 */
export function parseTimestamp(value: string | Date): Date | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value;
  }
  let m = ISO.exec(value);
  if (m !== null) {
    return instant(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
  }
  m = SLASH_YMD.exec(value);
  if (m !== null) {
    return instant(m[1], m[2], m[3], m[4], m[5], m[6], undefined, undefined);
  }
  m = SLASH_DMY.exec(value);
  if (m !== null) {
    return instant(m[3], m[2], m[1], m[4], m[5], m[6], undefined, undefined);
  }
  return null;
}

function instant(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
  offset: string | undefined,
): Date | null {
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour ?? 0);
  const mi = Number(minute ?? 0);
  const s = Number(second ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  let epoch = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (offset !== undefined && offset !== 'Z' && offset !== 'z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) {
      return null;
    }
    epoch -= sign * (oh * 60 + om) * 60_000;
  }
  // Date.UTC maps years 0–99 to 1900–1999; a four-digit year below 1000 is no activity date.
  return y < 1000 ? null : new Date(epoch);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
