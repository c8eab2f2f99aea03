export type { RowError, RowResult, TriggeredRule } from './batch-result.ts';
