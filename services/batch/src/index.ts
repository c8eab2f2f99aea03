export type { RowError, RowResult, TriggeredRule } from './batch-result.ts';
export { COLUMNS, type ColumnName, type ColumnSpec } from './columns.ts';
