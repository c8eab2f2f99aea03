import type { RowError, RowResult } from './batch-result.ts';

/** What a finished run was: for the report's header and the summary line. */
export interface RunMeta {
  readonly file: string;
  readonly outDir: string;
  readonly policyId: string;
  /** Data records read (the header and empty lines not counted). */
  readonly rows: number;
  readonly scored: number;
  readonly rejected: number;
  readonly errors: number;
  readonly durationMs: number;
  readonly workers: number;
}

/**
 * The report side of a run (the CLI's is `createSummaryReport`: the summary and report.html). The
 * run feeds every result and error in file order, in the main thread, then calls `finish` once.
 */
export interface ReportSink {
  addResult(result: RowResult): void;
  addError(error: RowError): void;
  finish(meta: RunMeta): Promise<void>;
}
