export type { RowError, RowResult, TriggeredRule } from './batch-result.ts';
export { COLUMNS, type ColumnName, type ColumnSpec } from './columns.ts';
export { asOfForSeed, generateRows, type ActivityRow, type GenerateOptions } from './generate.ts';
export {
  createDetectionMetrics,
  type DetectionMetrics,
  type DetectionMetricsAccumulator,
  type LabelMetrics,
} from './metrics.ts';
export { renderMetricsText } from './metrics-text.ts';
export { renderReport } from './report.ts';
export { LEGITIMATE, SCENARIOS, type Label, type ScenarioId } from './scenarios.ts';
export {
  createSummary,
  type BatchSummary,
  type HistogramBin,
  type SummaryMeta,
  type SummaryAccumulator,
  type SummaryOptions,
} from './summary.ts';
export {
  createSummaryReport,
  type SummaryReport,
  type SummaryReportOptions,
} from './summary-report.ts';
export { writeActivityCsv, writeActivityXlsx } from './write-activity-file.ts';
export { runBatch, type Progress, type RunOptions, type RunResult } from './run-batch.ts';
export { type ReportSink, type RunMeta } from './report-sink.ts';
export { openCsv } from './csv-source.ts';
export { openXlsx } from './xlsx-source.ts';
export type { RawRecord, RecordSource } from './raw-record.ts';
