// Test support for batch mode: activity files on disk, CSV and XLSX.
export * from './testing/activity-files.ts';
