import type { DedupedDecision } from './decisions-dedup.ts';
import { groupRows } from './group-rows.ts';
import { utcDay } from './utc-day.ts';

/** A row of view `top_reasons_daily`. */
export interface TopReasonsDaily {
  tenantId: string;
  day: string;
  code: string;
  decisions: number;
}

/** How many decisions each reason code triggered on, by tenant and UTC day of decidedAt. */
export function topReasonsDaily(decisions: readonly DedupedDecision[]): TopReasonsDaily[] {
  const triggered = decisions.flatMap((d) =>
    d.reasons.map((reason) => ({ decision: d, code: reason.code })),
  );
  return groupRows(triggered, (t) => [
    t.decision.tenantId,
    utcDay(t.decision.decidedAt),
    t.code,
  ]).map(({ key: [tenantId, day, code], rows }) => ({
    tenantId,
    day,
    code,
    decisions: new Set(rows.map((t) => t.decision.decisionId)).size,
  }));
}
