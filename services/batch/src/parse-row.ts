import type { GeoPoint, TelcoUsage } from '@sentinel/engine';
import type { RowError } from './batch-result.ts';
import { parseCell, type Cell, type Range } from './cell.ts';
import { COLUMNS, type ColumnName } from './columns.ts';
import type { Header } from './header.ts';

/**
 * One valid row of an activity file, typed; undefined = the cell was empty or the column missing.
 * Every field is always present (one object shape for every row: this runs a million times).
 */
export interface ActivityRow {
  readonly line: number;
  readonly subscriberId: string;
  readonly msisdn: string;
  readonly asOf: Date;
  readonly lastSimChangeAt: Date | undefined;
  readonly deviceId: string | undefined;
  readonly deviceFirstSeenAt: Date | undefined;
  readonly location: GeoPoint | undefined;
  readonly previousLocation: (GeoPoint & { readonly at: Date }) | undefined;
  readonly failedLogins24h: number;
  /** The usage columns under the engine's `TelcoUsage` keys, as `payment.telcoUsage` takes them. */
  readonly telcoUsage: Readonly<Record<string, number | boolean | string>>;
  readonly label: string | undefined;
}

export type ParseRowResult =
  | { readonly ok: true; readonly row: ActivityRow; readonly errors?: never }
  | { readonly ok: false; readonly errors: readonly RowError[]; readonly row?: never };

// Bounds of numeric columns: geography, and the engine's telco usage limits (a value past them
// would make the engine ignore the whole usage snapshot, so it is reported here instead).
const RANGES: Partial<Record<ColumnName, Range>> = {
  lat: { min: -90, max: 90 },
  lon: { min: -180, max: 180 },
  previous_lat: { min: -90, max: 90 },
  previous_lon: { min: -180, max: 180 },
  usual_cell_tower_changes_per_day: { min: 0, max: 1_000_000 },
  usual_calls_per_day: { min: 0, max: 1_000_000 },
  usual_sms_per_day: { min: 0, max: 1_000_000 },
  data_mb_24h: { min: 0, max: 10_000_000 },
  usual_data_mb_per_day: { min: 0, max: 10_000_000 },
  // The failed-logins rule counts them; past 10,000 a day the number is a data error, not a signal.
  failed_logins_24h: { min: 0, max: 10_000 },
};

// Each column's slot in the array a row is read into.
const AT = Object.fromEntries(COLUMNS.map((c, i) => [c.name, i])) as Record<ColumnName, number>;

// The last timestamp text read per column and its Date, shared by the rows of a thread.
const lastText: (string | undefined)[] = [];
const lastDate: (Date | undefined)[] = [];

// The usage columns (their slots) under the engine's TelcoUsage keys.
const USAGE: readonly (readonly [number, keyof TelcoUsage])[] = (
  [
    ['cell_tower_changes_24h', 'cellTowerChanges24h'],
    ['usual_cell_tower_changes_per_day', 'usualCellTowerChangesPerDay'],
    ['data_mb_24h', 'dataMb24h'],
    ['usual_data_mb_per_day', 'usualDataMbPerDay'],
    ['calls_24h', 'calls24h'],
    ['usual_calls_per_day', 'usualCallsPerDay'],
    ['sms_24h', 'sms24h'],
    ['usual_sms_per_day', 'usualSmsPerDay'],
    ['roaming', 'roaming'],
    ['roaming_country', 'roamingCountry'],
  ] as const satisfies readonly (readonly [ColumnName, keyof TelcoUsage])[]
).map(([column, key]) => [AT[column], key] as const);

/**
 * Validates one record against the header and reads it into an `ActivityRow`. Every problem of
 * the row is listed (not just the first), each naming its column. Empty cells are absent values.
 * `shortAllowed`: a record may have fewer cells than the header (XLSX leaves trailing empty cells
 * out; in CSV a short record is a broken one).
 */
export function parseRow(
  cells: readonly Cell[],
  line: number,
  header: Header,
  shortAllowed = false,
): ParseRowResult {
  const errors: RowError[] = [];
  if (cells.length < header.width && !shortAllowed) {
    errors.push({
      line,
      column: null,
      message: `the row has ${cells.length} cells, the header ${header.width}`,
    });
    return { ok: false, errors };
  }
  for (let i = header.width; i < cells.length; i++) {
    if (!isEmpty(cells[i])) {
      errors.push({
        line,
        column: null,
        message: `the row has ${cells.length} cells, the header ${header.width}: a value past the last column`,
      });
      return { ok: false, errors };
    }
  }
  const v: unknown[] = new Array<unknown>(COLUMNS.length);
  for (const { spec, index } of header.columns) {
    let cell = cells[index];
    if (typeof cell === 'string') {
      cell = cell.trim();
    }
    if (isEmpty(cell)) {
      if (spec.required) {
        errors.push({ line, column: spec.name, message: 'is required but empty' });
      }
      continue;
    }
    const k = AT[spec.name];
    // Timestamps repeat down a file (every row's as_of, often): parsed once per run of equal cells.
    if (spec.type === 'timestamp' && typeof cell === 'string' && cell === lastText[k]) {
      v[k] = lastDate[k];
      continue;
    }
    const parsed = parseCell(
      spec.type,
      cell as string | number | boolean | Date,
      RANGES[spec.name],
    );
    if ('problem' in parsed) {
      errors.push({ line, column: spec.name, message: parsed.problem });
    } else {
      v[k] = parsed.value;
      if (spec.type === 'timestamp' && typeof cell === 'string') {
        lastText[k] = cell;
        lastDate[k] = parsed.value as Date;
      }
    }
  }
  pairCheck(v, ['lat', 'lon'], line, errors);
  pairCheck(v, ['previous_lat', 'previous_lon', 'previous_location_at'], line, errors);
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  return { ok: true, row: toRow(v, line) };
}

function isEmpty(cell: Cell): boolean {
  return cell === null || cell === undefined || cell === '';
}

/** Columns that only mean something together: a half location is reported, not dropped. */
function pairCheck(
  v: readonly unknown[],
  names: readonly ColumnName[],
  line: number,
  errors: RowError[],
): void {
  let given = 0;
  for (const n of names) {
    given += v[AT[n]] === undefined ? 0 : 1;
  }
  if (given > 0 && given < names.length) {
    const present = names.filter((n) => v[AT[n]] !== undefined);
    const absent = names.filter((n) => v[AT[n]] === undefined);
    errors.push({
      line,
      column: absent[0] ?? null,
      message: `is empty while ${present.join(', ')} ${present.length > 1 ? 'are' : 'is'} given: ${names.join(', ')} go together`,
    });
  }
}

function toRow(v: readonly unknown[], line: number): ActivityRow {
  const usage: Record<string, number | boolean | string> = {};
  for (const [column, key] of USAGE) {
    const value = v[column];
    if (value !== undefined) {
      usage[key] = value as number | boolean | string;
    }
  }
  const lat = v[AT.lat] as number | undefined;
  const lon = v[AT.lon] as number | undefined;
  const prevLat = v[AT.previous_lat] as number | undefined;
  const prevLon = v[AT.previous_lon] as number | undefined;
  const prevAt = v[AT.previous_location_at] as Date | undefined;
  return {
    line,
    subscriberId: v[AT.subscriber_id] as string,
    msisdn: v[AT.msisdn] as string,
    asOf: v[AT.as_of] as Date,
    lastSimChangeAt: v[AT.last_sim_change_at] as Date | undefined,
    deviceId: v[AT.device_id] as string | undefined,
    deviceFirstSeenAt: v[AT.device_first_seen_at] as Date | undefined,
    location: lat === undefined || lon === undefined ? undefined : { lat, lon },
    previousLocation:
      prevLat === undefined || prevLon === undefined || prevAt === undefined
        ? undefined
        : { lat: prevLat, lon: prevLon, at: prevAt },
    failedLogins24h: (v[AT.failed_logins_24h] as number | undefined) ?? 0,
    telcoUsage: usage,
    label: v[AT.label] as string | undefined,
  };
}
