import { type ActionMixDaily, actionMixDaily } from './action-mix-daily.ts';
import { type DedupedDecision, decisionsDedup } from './decisions-dedup.ts';
import { type EnrichedDecision, decisionsEnriched } from './decisions-enriched.ts';
import { type EscrowLatest, escrowLatest } from './escrow-latest.ts';
import { type HoldOutcomesDaily, holdOutcomesDaily } from './hold-outcomes-daily.ts';
import { type KpiDaily, kpiDaily } from './kpi-daily.ts';
import { type OutcomeLatest, outcomesLatest } from './outcomes-latest.ts';
import type { AnalyticsTables } from './rows.ts';
import { type TopReasonsDaily, topReasonsDaily } from './top-reasons-daily.ts';

/**
 * The views of the shared contract, in dependency order (each reads only tables and earlier
 * views): infra/bigquery/views/<name>.sql, applied by `npm run bq:migrate`; dashboards read only
 * these names.
 */
export const VIEW_NAMES = [
  'decisions_dedup',
  'outcomes_latest',
  'escrow_latest',
  'decisions_enriched',
  'kpi_daily',
  'action_mix_daily',
  'top_reasons_daily',
  'hold_outcomes_daily',
] as const satisfies readonly (keyof AnalyticsViews)[];

export type ViewName = (typeof VIEW_NAMES)[number];

/** Every view of infra/bigquery/views, by its name, computed in memory. */
export interface AnalyticsViews {
  decisions_dedup: DedupedDecision[];
  outcomes_latest: OutcomeLatest[];
  escrow_latest: EscrowLatest[];
  decisions_enriched: EnrichedDecision[];
  kpi_daily: KpiDaily[];
  action_mix_daily: ActionMixDaily[];
  top_reasons_daily: TopReasonsDaily[];
  hold_outcomes_daily: HoldOutcomesDaily[];
}

/** The eight views over in-memory rows: what the console shows without BigQuery. */
export function analyticsViews(tables: AnalyticsTables): AnalyticsViews {
  const deduped = decisionsDedup(tables.decisions);
  const enriched = decisionsEnriched(tables);
  return {
    decisions_dedup: deduped,
    outcomes_latest: outcomesLatest(tables.outcomes),
    escrow_latest: escrowLatest(tables.escrow_events),
    decisions_enriched: enriched,
    kpi_daily: kpiDaily(enriched),
    action_mix_daily: actionMixDaily(deduped),
    top_reasons_daily: topReasonsDaily(deduped),
    hold_outcomes_daily: holdOutcomesDaily(enriched),
  };
}
