// Test support of @sentinel/engine (import as '@sentinel/engine/testing'): fixtures for payments,
// signals, histories and behaviour sessions. Never imported by production code.
export * from './testing/fixtures.ts';
export * from './testing/behavior-fixtures.ts';
export * from './testing/shield-files.ts';
