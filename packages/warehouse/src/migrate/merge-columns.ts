import { columnMode, columnType } from './columns-as-avro.ts';
import type { ColumnResource } from './table-resource.ts';

/**
 * The schema a `tables.patch` sends for an additive change: the table's columns in the table's
 * order (keeping whatever else the API stored on them), with the file's description and mode
 * (a REQUIRED → NULLABLE relaxation), nested records merged the same way, then the file's new
 * columns at the end — BigQuery appends columns, so the table's order is the one to keep.
 */
export function mergeColumns(
  existing: readonly ColumnResource[],
  desired: readonly ColumnResource[],
): ColumnResource[] {
  const wanted = new Map(desired.map((column) => [column.name, column]));
  const kept = existing.map((column): ColumnResource => {
    const target = wanted.get(column.name);
    if (target === undefined) {
      return column;
    }
    const merged: ColumnResource = {
      ...column,
      mode: columnMode(target),
      ...(target.description === undefined ? {} : { description: target.description }),
    };
    return columnType(column) === 'RECORD'
      ? { ...merged, fields: mergeColumns(column.fields ?? [], target.fields ?? []) }
      : merged;
  });
  const known = new Set(existing.map((column) => column.name));
  return [...kept, ...desired.filter((column) => !known.has(column.name))];
}

/** A column's identity for comparison: name, type, mode, description, nested columns. */
function canonical(column: ColumnResource): unknown {
  return [
    column.name,
    columnType(column),
    columnMode(column),
    column.description ?? '',
    (column.fields ?? []).map(canonical),
  ];
}

/** Whether two schemas say the same thing, column order included. */
export const sameColumns = (a: readonly ColumnResource[], b: readonly ColumnResource[]): boolean =>
  JSON.stringify(a.map(canonical)) === JSON.stringify(b.map(canonical));

/** Paths of the columns in `after` that `before` lacks (`reasons.weight` for a nested one). */
export function addedColumns(
  before: readonly ColumnResource[],
  after: readonly ColumnResource[],
  prefix = '',
): string[] {
  const old = new Map(before.map((column) => [column.name, column]));
  return after.flatMap((column) => {
    const was = old.get(column.name);
    if (was === undefined) {
      return [`${prefix}${column.name}`];
    }
    return addedColumns(was.fields ?? [], column.fields ?? [], `${prefix}${column.name}.`);
  });
}
