import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PolicyDocument } from '@sentinel/engine';
import type { Clock } from '@sentinel/kernel';
import type { RowError, RowResult } from './batch-result.ts';
import { renderMetricsText } from './metrics-text.ts';
import { renderReport } from './report.ts';
import { createSummary, type SummaryOptions } from './summary.ts';

export interface SummaryReportOptions {
  /** The run's policy: its id and version head the report, its bands mark the histogram. */
  readonly policy: Pick<PolicyDocument, 'id' | 'version'> & Partial<Pick<PolicyDocument, 'levels'>>;
  /** Stamps the report's start time (when the sink is created, just before the run). */
  readonly clock: Pick<Clock, 'now'>;
  /** Where the detection metrics of a labelled file go as text: stdout in the CLI. */
  readonly print: (text: string) => void;
  readonly summary?: SummaryOptions;
}

/** The report side of a batch run: fed every row in file order, finished once. */
export interface SummaryReport {
  addResult(result: RowResult): void;
  addError(error: RowError): void;
  /** Writes `report.html` into `outDir`, and prints the detection metrics when rows had labels. */
  finish(meta: {
    readonly file: string;
    readonly outDir: string;
    readonly durationMs: number;
  }): Promise<void>;
}

/**
 * The summary accumulator and report.html behind one run, in the shape of the CLI's report sink:
 * `runBatch` feeds it every result and error, then calls `finish` with the run's file, output
 * directory and duration.
 */
export function createSummaryReport(options: SummaryReportOptions): SummaryReport {
  const startedAt = options.clock.now();
  const summary = createSummary(options.summary);
  return {
    addResult: (result) => {
      summary.addResult(result);
    },
    addError: (error) => {
      summary.addError(error);
    },
    async finish(meta) {
      const result = summary.finish({
        file: basename(meta.file),
        policy: {
          id: options.policy.id,
          version: options.policy.version,
          ...(options.policy.levels === undefined ? {} : { levels: options.policy.levels }),
        },
        startedAt,
        durationMs: meta.durationMs,
      });
      await writeFile(join(meta.outDir, 'report.html'), renderReport(result));
      if (result.metrics !== null) {
        options.print(renderMetricsText(result.metrics));
      }
    },
  };
}
