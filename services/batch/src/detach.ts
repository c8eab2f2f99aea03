import type { RowError, RowResult } from './batch-result.ts';

/**
 * A copy of a string that shares no memory with the string it came from. A CSV parser hands out
 * cells as slices of the chunk it read (V8 keeps the whole chunk alive for any slice of 13 or more
 * characters), so a summary that keeps 5,000 rows' labels as slices keeps up to 5,000 chunks:
 * hundreds of megabytes on a large file. Concatenating makes a new string, slicing the flattened
 * result drops the added character.
 */
export function detachString(value: string): string {
  return ` ${value}`.slice(1);
}

/** A row result as the summary keeps it: every string its own. */
export function detachResult(result: RowResult): RowResult {
  return {
    line: result.line,
    subscriberId: detachString(result.subscriberId),
    score: result.score,
    level: result.level,
    rules: result.rules.map((rule) => ({
      code: detachString(rule.code),
      weight: rule.weight,
      message: detachString(rule.message),
    })),
    ...(result.label === undefined ? {} : { label: detachString(result.label) }),
  };
}

/** A row error as the summary keeps it: every string its own. */
export function detachError(error: RowError): RowError {
  return {
    line: error.line,
    column: error.column === null ? null : detachString(error.column),
    message: detachString(error.message),
  };
}
