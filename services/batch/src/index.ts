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
  type RunMeta,
  type SummaryAccumulator,
  type SummaryOptions,
} from './summary.ts';
export { writeActivityCsv, writeActivityXlsx } from './write-activity-file.ts';
