// Test support for batch mode: activity files on disk (CSV and XLSX) and sample summaries.
export { HOSTILE_IDS, sampleRows, sampleSummary } from './testing/sample-summary.ts';
export * from './testing/activity-files.ts';
