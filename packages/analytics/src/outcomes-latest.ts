import { byDelivery, compareNullable, firstPerKey, keyOf } from './order.ts';
import type { OutcomeRow } from './rows.ts';

export const STEP_UP_STATUSES: readonly string[] = ['PASSED', 'FAILED', 'EXPIRED'];

/** View `outcomes_latest`: how one decision turned out, as far as is known. */
export interface OutcomeLatest {
  tenantId: string;
  decisionId: string;
  /** The latest outcome of any kind, and who reported it (NULL source read as AUTH). */
  status: string;
  source: string;
  completedAt: Date;
  /** The latest step-up result (PASSED | FAILED | EXPIRED), or null. */
  stepUpStatus: string | null;
  /** The latest label (CONFIRMED_FRAUD | CONFIRMED_LEGITIMATE | CHARGEBACK), or null. */
  label: string | null;
  labelSource: string | null;
}

type Sourced = OutcomeRow & { source: string };

/** Latest first: `ORDER BY completedAt DESC, publish_time DESC, message_id DESC`. */
function latestFirst(a: Sourced, b: Sourced): number {
  return (
    compareNullable(b.completedAt, a.completedAt) ||
    compareNullable(b.publish_time, a.publish_time) ||
    compareNullable(b.message_id, a.message_id)
  );
}

/**
 * Drops redelivered outcomes (same decisionId, source, status: the earliest publish stays), then
 * per decision keeps the latest row, the latest step-up result and the latest label.
 */
export function outcomesLatest(rows: readonly OutcomeRow[]): OutcomeLatest[] {
  const sourced = rows.map((row): Sourced => ({ ...row, source: row.source ?? 'AUTH' }));
  const unique = firstPerKey(sourced, (o) => keyOf(o.decisionId, o.source, o.status), byDelivery);
  const perDecision = Map.groupBy(unique, (o) => keyOf(o.tenantId, o.decisionId));
  return [...perDecision.values()].map((outcomes) => {
    const [latest, ...rest] = outcomes.toSorted(latestFirst);
    if (latest === undefined) {
      throw new Error('a group is never empty');
    }
    const all = [latest, ...rest];
    const stepUp = all.find((o) => STEP_UP_STATUSES.includes(o.status));
    const label = all.find((o) => !STEP_UP_STATUSES.includes(o.status));
    return {
      tenantId: latest.tenantId,
      decisionId: latest.decisionId,
      status: latest.status,
      source: latest.source,
      completedAt: latest.completedAt,
      stepUpStatus: stepUp?.status ?? null,
      label: label?.status ?? null,
      labelSource: label?.source ?? null,
    };
  });
}
