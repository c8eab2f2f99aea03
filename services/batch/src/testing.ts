// Test support for batch mode: activity files on disk (CSV and XLSX), sample summaries, Chromium.
export { findChromium, launchChromium } from './testing/chromium.ts';
export { HOSTILE_IDS, sampleRows, sampleSummary } from './testing/sample-summary.ts';
export * from './testing/activity-files.ts';
