import type { EnrichedDecision } from './decisions-enriched.ts';
import { groupRows } from './group-rows.ts';
import { quantile } from './quantile.ts';
import { utcDay } from './utc-day.ts';

/** A row of view `hold_outcomes_daily`. */
export interface HoldOutcomesDaily {
  tenantId: string;
  day: string;
  /** HELD (not ended yet), RELEASED, REVERSED or EXPIRED. */
  escrowStatus: string;
  /** Why it ended (docs/escrow.md); null while HELD. */
  escrowCause: string | null;
  holds: number;
  /** Percentiles of the ended holds' durations; null for HELD. */
  hold_seconds_p50: number | null;
  hold_seconds_p95: number | null;
}

/** How holds ended and how long they lasted, by tenant and UTC day of the decision that held. */
export function holdOutcomesDaily(decisions: readonly EnrichedDecision[]): HoldOutcomesDaily[] {
  const held = decisions.flatMap((d) =>
    d.escrowStatus === null ? [] : [{ ...d, escrowStatus: d.escrowStatus }],
  );
  return groupRows(held, (d) => [
    d.tenantId,
    utcDay(d.decidedAt),
    d.escrowStatus,
    d.escrowCause,
  ]).map(({ key: [tenantId, day, escrowStatus, escrowCause], rows }) => {
    const seconds = rows.map((d) => d.holdSeconds);
    return {
      tenantId,
      day,
      escrowStatus,
      escrowCause,
      holds: rows.length,
      hold_seconds_p50: quantile(seconds, 50),
      hold_seconds_p95: quantile(seconds, 95),
    };
  });
}
