/**
 * The views of the analytics contract (issue 13), in dependency order. Their SQL lives in
 * infra/bigquery/views/<name>.sql (the views helper's); dashboards read only these names.
 */
export const ANALYTICS_VIEWS = [
  'decisions_dedup',
  'outcomes_latest',
  'escrow_latest',
  'decisions_enriched',
  'kpi_daily',
  'action_mix_daily',
  'top_reasons_daily',
  'hold_outcomes_daily',
] as const;

export type AnalyticsView = (typeof ANALYTICS_VIEWS)[number];
