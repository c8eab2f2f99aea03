import type { PubSubMetadata } from './rows.ts';

/** -1, 0 or 1 with BigQuery's NULL order: NULL sorts first ascending (and so last descending). */
export function compareNullable<T extends Date | string | number>(
  a: T | null,
  b: T | null,
): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? -1 : 1;
  }
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** First delivery first: `ORDER BY publish_time, message_id`. */
export function byDelivery(a: PubSubMetadata, b: PubSubMetadata): number {
  return (
    compareNullable(a.publish_time, b.publish_time) || compareNullable(a.message_id, b.message_id)
  );
}

/** Keeps the first row of each key in the order `compare` gives: ROW_NUMBER() … = 1. */
export function firstPerKey<T>(
  rows: readonly T[],
  key: (row: T) => string,
  compare: (a: T, b: T) => number,
): T[] {
  const first = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    const kept = first.get(k);
    if (kept === undefined || compare(row, kept) < 0) {
      first.set(k, row);
    }
  }
  return [...first.values()];
}

/** A composite key that cannot collide ("a|b" vs "a", "b|"). */
export function keyOf(...parts: readonly (string | number | null)[]): string {
  return JSON.stringify(parts);
}
