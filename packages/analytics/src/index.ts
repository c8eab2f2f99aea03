// @sentinel/analytics: the KPIs of docs/analytics.md over in-memory rows, the same definitions as
// the BigQuery views in infra/bigquery/views (kpis.test.ts runs both over one fixture).
export * from './action-mix-daily.ts';
export * from './analytics-views.ts';
export * from './decision-facts.ts';
export * from './decisions-dedup.ts';
export * from './decisions-enriched.ts';
export * from './escrow-latest.ts';
export * from './hold-outcomes-daily.ts';
export * from './kpi-daily.ts';
export * from './outcomes-latest.ts';
export * from './quantile.ts';
export * from './rows.ts';
export * from './top-reasons-daily.ts';
export * from './utc-day.ts';
