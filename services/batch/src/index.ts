export type { RowError, RowResult, TriggeredRule } from './batch-result.ts';
export { COLUMNS, type ColumnName, type ColumnSpec } from './columns.ts';
export { runBatch, type Progress, type RunOptions, type RunResult } from './run-batch.ts';
export { NO_REPORT, type ReportSink, type RunMeta } from './report-sink.ts';
export { openCsv } from './csv-source.ts';
export { openXlsx } from './xlsx-source.ts';
export type { RawRecord, RecordSource } from './raw-record.ts';
