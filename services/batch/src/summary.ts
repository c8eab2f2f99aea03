import { RISK_LEVELS, type PolicyDocument, type RiskLevel } from '@sentinel/engine';
import type { RowError, RowResult } from './batch-result.ts';
import { byRisk } from './by-risk.ts';
import { detachError, detachResult } from './detach.ts';
import { createDetectionMetrics, type DetectionMetrics } from './metrics.ts';
import { createTopK } from './top-k.ts';
import { createTopSubscribers } from './top-subscribers.ts';

/** One bar of the score histogram: scores `from`…`to`, both included. */
export interface HistogramBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** Everything `report.html` and the terminal summary show about one run, in bounded size. */
export interface BatchSummary {
  readonly file: string;
  readonly policy: {
    readonly id: string;
    readonly version: PolicyDocument['version'];
    /** The policy's bands, when known: the histogram marks where MEDIUM and HIGH start. */
    readonly levels?: PolicyDocument['levels'];
  };
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly rowsScored: number;
  /** Distinct rows with at least one error (a row may have several). */
  readonly rowsRejected: number;
  readonly errorCount: number;
  /** The first errors in file order (at most `errorLimit`). */
  readonly firstErrors: readonly RowError[];
  readonly levels: Readonly<Record<RiskLevel, number>>;
  /** Rows each rule fired on, most frequent first. */
  readonly rules: readonly { readonly code: string; readonly rows: number }[];
  /** Ten bins: 0–9, 10–19, …, 80–89, 90–100. */
  readonly histogram: readonly HistogramBin[];
  /** The riskiest distinct subscribers with their riskiest row, riskiest first. */
  readonly topSubscribers: readonly RowResult[];
  /** The riskiest rows, riskiest first (at most `tableLimit`). */
  readonly table: readonly RowResult[];
  /** Scored rows not in `table`. */
  readonly tableOmitted: number;
  /** Null when no row carried a label. */
  readonly metrics: DetectionMetrics | null;
}

export interface SummaryOptions {
  readonly tableLimit?: number;
  readonly topLimit?: number;
  readonly errorLimit?: number;
  /** The lowest level counted as flagged in the detection metrics (default MEDIUM). */
  readonly flagFrom?: RiskLevel;
}

export interface SummaryMeta {
  readonly file: string;
  readonly policy: {
    readonly id: string;
    readonly version: PolicyDocument['version'];
    /** The policy's bands, when known: the histogram marks where MEDIUM and HIGH start. */
    readonly levels?: PolicyDocument['levels'];
  };
  readonly startedAt: Date;
  readonly durationMs: number;
}

/** Fed every row of a run in file order; `finish` once at the end. */
export interface SummaryAccumulator {
  addResult(result: RowResult): void;
  addError(error: RowError): void;
  finish(meta: SummaryMeta): BatchSummary;
}

const BINS = 10;

/**
 * The summary of a batch run, accumulated row by row in memory bounded by the options (a heap of
 * `tableLimit` rows, `topLimit` subscribers, `errorLimit` errors, a counter per level, rule, bin
 * and label), never by the row count: a file of millions of rows costs what a file of 5,000 does.
 * Errors must arrive in file order: a row's several errors count it as rejected once.
 */
export function createSummary(options: SummaryOptions = {}): SummaryAccumulator {
  const errorLimit = options.errorLimit ?? 100;
  // Kept rows are copied (detachResult): a row as a reader hands it over may pin its input chunk.
  const table = createTopK<RowResult>(options.tableLimit ?? 5000, byRisk, detachResult);
  const top = createTopSubscribers(options.topLimit ?? 20, detachResult);
  const metrics = createDetectionMetrics(options.flagFrom);
  const levels = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;
  const rules = new Map<string, number>();
  const bins = new Array<number>(BINS).fill(0);
  const firstErrors: RowError[] = [];
  let rowsScored = 0;
  let rowsRejected = 0;
  let errorCount = 0;
  let lastErrorLine: number | null = null;
  return {
    addResult(result) {
      rowsScored++;
      levels[result.level]++;
      const bin = Math.min(BINS - 1, Math.max(0, Math.floor(result.score / 10)));
      bins[bin] = (bins[bin] ?? 0) + 1;
      for (const rule of result.rules) {
        rules.set(rule.code, (rules.get(rule.code) ?? 0) + 1);
      }
      table.offer(result);
      top.offer(result);
      metrics.add(result);
    },
    addError(error) {
      errorCount++;
      if (error.line !== lastErrorLine) {
        rowsRejected++;
        lastErrorLine = error.line;
      }
      if (firstErrors.length < errorLimit) {
        firstErrors.push(detachError(error));
      }
    },
    finish(meta) {
      return {
        ...meta,
        rowsScored,
        rowsRejected,
        errorCount,
        firstErrors,
        levels: { ...levels },
        rules: [...rules]
          .map(([code, rows]) => ({ code, rows }))
          .sort((a, b) => b.rows - a.rows || a.code.localeCompare(b.code)),
        histogram: bins.map((count, i) => ({
          from: i * 10,
          to: i === BINS - 1 ? 100 : i * 10 + 9,
          count,
        })),
        topSubscribers: [...top.list()],
        table: table.sorted(),
        tableOmitted: table.dropped,
        metrics: metrics.finish(),
      };
    },
  };
}
