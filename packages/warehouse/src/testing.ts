// Test support of @sentinel/warehouse: a local fake of BigQuery's REST API.
export * from './testing/fake-bigquery.ts';
