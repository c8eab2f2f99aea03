import { keyOf } from './order.ts';

/** GROUP BY: rows in groups by a tuple of columns, groups in order of first appearance. */
export function groupRows<T, const K extends readonly (string | number | null)[]>(
  rows: readonly T[],
  columns: (row: T) => K,
): { key: K; rows: T[] }[] {
  const groups = new Map<string, { key: K; rows: T[] }>();
  for (const row of rows) {
    const key = columns(row);
    const k = keyOf(...key);
    const group = groups.get(k);
    if (group === undefined) {
      groups.set(k, { key, rows: [row] });
    } else {
      group.rows.push(row);
    }
  }
  return [...groups.values()];
}

/** COUNTIF. */
export function countIf<T>(rows: readonly T[], predicate: (row: T) => boolean): number {
  return rows.reduce((n, row) => (predicate(row) ? n + 1 : n), 0);
}

/** SAFE_DIVIDE: null when there is nothing to divide by. */
export function safeDivide(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
