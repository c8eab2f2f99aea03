// Test support of @sentinel/analytics (import as '@sentinel/analytics/testing'): the fixture of
// table-shaped rows, and the views run on an in-process DuckDB.
export * from './testing/bigquery-to-duckdb.ts';
export * from './testing/duckdb-views.ts';
export * from './testing/fixture.ts';
export * from './testing/fixture-tables.ts';
export * from './testing/view-files.ts';
