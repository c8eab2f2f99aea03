import type { RiskLevel } from '@sentinel/engine';

/** One rule that fired for a row, as `results.csv` and the report show it. */
export interface TriggeredRule {
  readonly code: string;
  readonly weight: number;
  readonly message: string;
}

/** One scored row of an activity file. */
export interface RowResult {
  /** Where the row starts: the CSV line (1 = the header) or the worksheet's row number. */
  readonly line: number;
  readonly subscriberId: string;
  /** 0–100, the engine's risk score under the batch policy. */
  readonly score: number;
  readonly level: RiskLevel;
  /** Highest weight first, as the engine ranks its reasons. */
  readonly rules: readonly TriggeredRule[];
  /** The row's `label` cell when the file has a label column (`legitimate` or a scenario id). */
  readonly label?: string;
}

/** One rejected row (or cell): never silently dropped, always written to `errors.csv`. */
export interface RowError {
  readonly line: number;
  /** The column at fault; null when the row as a whole is wrong (say, too many cells). */
  readonly column: string | null;
  /** What is wrong, in words a data analyst can act on. Never echoes a secret. */
  readonly message: string;
}
