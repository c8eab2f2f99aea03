import { type DecisionFacts, decisionFacts } from './decision-facts.ts';
import { type DedupedDecision, decisionsDedup } from './decisions-dedup.ts';
import { escrowLatest } from './escrow-latest.ts';
import { keyOf } from './order.ts';
import { outcomesLatest } from './outcomes-latest.ts';
import type { AnalyticsTables, DecisionRow } from './rows.ts';

/** View `decisions_enriched`: a decision once, with how it turned out. */
export type EnrichedDecision<R extends DecisionRow = DecisionRow> = DedupedDecision<R> &
  DecisionFacts & {
    outcomeStatus: string | null;
    outcomeSource: string | null;
    stepUpStatus: string | null;
    label: string | null;
    labelSource: string | null;
    escrowStatus: string | null;
    escrowCause: string | null;
    holdSeconds: number | null;
  };

/** decisions_dedup LEFT JOIN outcomes_latest and escrow_latest on (tenantId, decisionId). */
export function decisionsEnriched<R extends DecisionRow>(
  tables: AnalyticsTables & { decisions: readonly R[] },
): EnrichedDecision<R>[] {
  const outcomes = new Map(outcomesLatest(tables.outcomes).map((o) => [key(o), o]));
  const holds = new Map(escrowLatest(tables.escrow_events).map((e) => [key(e), e]));
  return decisionsDedup(tables.decisions).map((d) => {
    const o = outcomes.get(key(d));
    const e = holds.get(key(d));
    const joined = {
      outcomeStatus: o?.status ?? null,
      outcomeSource: o?.source ?? null,
      stepUpStatus: o?.stepUpStatus ?? null,
      label: o?.label ?? null,
      labelSource: o?.labelSource ?? null,
      escrowStatus: e?.status ?? null,
      escrowCause: e?.cause ?? null,
      holdSeconds: e?.holdSeconds ?? null,
    };
    return { ...d, ...joined, ...decisionFacts({ action: d.action, ...joined }) };
  });
}

function key(row: { tenantId: string; decisionId: string }): string {
  return keyOf(row.tenantId, row.decisionId);
}
