import type { CompiledPolicy } from '@sentinel/engine';
import type { RowError, RowResult } from './batch-result.ts';
import type { Header } from './header.ts';
import { parseRow } from './parse-row.ts';
import type { RawRecord } from './raw-record.ts';
import { scoreRow } from './score-row.ts';

/** What a batch of records became: results and errors, each in file order. */
export interface ScoredBatch {
  readonly results: RowResult[];
  readonly errors: RowError[];
}

/** What every scorer (in this thread or in a worker) needs to know about the run. */
export interface ScoringSetup {
  readonly header: Header;
  /** The policy document; each thread compiles it once. */
  readonly policy: unknown;
  readonly shortRowsAllowed: boolean;
}

/** Validates and scores records: a valid row becomes a result, an invalid one its errors. */
export function scoreRecords(
  records: readonly RawRecord[],
  setup: ScoringSetup,
  policy: CompiledPolicy,
): ScoredBatch {
  const results: RowResult[] = [];
  const errors: RowError[] = [];
  for (const record of records) {
    const parsed = parseRow(record.cells, record.line, setup.header, setup.shortRowsAllowed);
    if (parsed.ok) {
      results.push(scoreRow(parsed.row, policy));
    } else {
      errors.push(...parsed.errors);
    }
  }
  return { results, errors };
}
