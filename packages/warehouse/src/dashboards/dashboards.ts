import type { ViewName } from '@sentinel/analytics';

/** How a chart draws its data. */
export type ChartKind = 'line' | 'bars' | 'stacked' | 'table';

/** One chart: the view it reads, its dimensions and its metrics (the view's column names). */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly kind: ChartKind;
  readonly view: ViewName;
  readonly dimensions: readonly string[];
  /** Columns, or `COUNT(col)` for a count Looker Studio makes of a row-level view. */
  readonly metrics: readonly string[];
  /** What the chart answers, for docs/dashboards.md. */
  readonly question: string;
}

/** One dashboard: one audience, one Looker Studio report. */
export interface DashboardSpec {
  readonly id: string;
  readonly title: string;
  readonly audience: string;
  readonly charts: readonly ChartSpec[];
}

/** Every dashboard has these report-level filter controls (the views carry both columns). */
export const DASHBOARD_CONTROLS = ['tenantId', 'day (date range)'] as const;

/** The three dashboards of issue 13 item 7. */
export const DASHBOARDS = [
  {
    id: 'fraud-operations',
    title: 'Sentinel — fraud operations',
    audience: 'Fraud analysts and the fraud operations lead at each bank',
    charts: [
      {
        id: 'fraud-blocked',
        title: 'Fraud blocked per 10,000 decisions',
        kind: 'line',
        view: 'kpi_daily',
        dimensions: ['day'],
        metrics: ['fraud_blocked_per_10k'],
        question: 'Is Sentinel stopping confirmed fraud, day by day?',
      },
      {
        id: 'false-positives',
        title: 'False-positive rate',
        kind: 'line',
        view: 'kpi_daily',
        dimensions: ['day'],
        metrics: ['false_positive_rate'],
        question: 'How many legitimate customers did a denial or step-up get in the way of?',
      },
      {
        id: 'top-reasons',
        title: 'Top reasons',
        kind: 'bars',
        view: 'top_reasons_daily',
        dimensions: ['code'],
        metrics: ['decisions'],
        question: 'Which rules fire most (sum over the date range)?',
      },
      {
        id: 'hold-outcomes',
        title: 'How escrow holds ended',
        kind: 'stacked',
        view: 'hold_outcomes_daily',
        dimensions: ['escrowStatus', 'escrowCause'],
        metrics: ['holds'],
        question: 'Were held payments released, reversed or left to expire, and why?',
      },
      {
        id: 'hold-duration',
        title: 'Hold duration (seconds)',
        kind: 'bars',
        view: 'hold_outcomes_daily',
        dimensions: ['escrowStatus'],
        metrics: ['hold_seconds_p50', 'hold_seconds_p95'],
        question: 'How long does a customer wait for a held payment?',
      },
    ],
  },
  {
    id: 'product',
    title: 'Sentinel — product',
    audience: 'Product managers and the risk policy owners',
    charts: [
      {
        id: 'action-mix',
        title: 'Action mix per day',
        kind: 'stacked',
        view: 'action_mix_daily',
        dimensions: ['day', 'action'],
        metrics: ['decisions'],
        question: 'How much friction do customers meet: approvals, step-ups, denials?',
      },
      {
        id: 'step-up-conversion',
        title: 'Step-up conversion',
        kind: 'line',
        view: 'kpi_daily',
        dimensions: ['day'],
        metrics: ['step_up_conversion'],
        question: 'Of the customers asked to step up, how many passed?',
      },
      {
        id: 'policy-versions',
        title: 'Decisions by policy version',
        kind: 'table',
        view: 'kpi_daily',
        dimensions: ['policyId', 'policyVersion'],
        metrics: ['decisions', 'approvals', 'step_ups', 'denials'],
        question: 'What did a policy change do to the action mix?',
      },
    ],
  },
  {
    id: 'platform',
    title: 'Sentinel — platform',
    audience: 'Platform on-call engineers and SREs',
    charts: [
      {
        id: 'latency',
        title: 'Decision latency (ms)',
        kind: 'line',
        view: 'kpi_daily',
        dimensions: ['day'],
        metrics: ['latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms'],
        question: 'Is the decision path inside its latency budget?',
      },
      {
        id: 'volume',
        title: 'Decisions per day',
        kind: 'bars',
        view: 'kpi_daily',
        dimensions: ['day'],
        metrics: ['decisions'],
        question: 'How much traffic reached the warehouse (a gap means a stalled subscription)?',
      },
      {
        id: 'outcome-sources',
        title: 'Outcomes reported, by source',
        kind: 'bars',
        view: 'decisions_enriched',
        dimensions: ['outcomeSource'],
        metrics: ['COUNT(decisionId)'],
        question: 'Are outcomes flowing back from the auth service and the banks?',
      },
    ],
  },
] as const satisfies readonly DashboardSpec[];

export type DashboardId = (typeof DASHBOARDS)[number]['id'];
export type ChartId = (typeof DASHBOARDS)[number]['charts'][number]['id'];

/** The views a dashboard reads, in first-use order: its data sources ds0, ds1, … */
export const dashboardViews = (dashboard: DashboardSpec): ViewName[] => [
  ...new Set(dashboard.charts.map((chart) => chart.view)),
];
