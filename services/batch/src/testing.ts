export { findChromium, launchChromium } from './testing/chromium.ts';
export { HOSTILE_IDS, sampleRows, sampleSummary } from './testing/sample-summary.ts';
