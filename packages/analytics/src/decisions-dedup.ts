import { byDelivery, firstPerKey } from './order.ts';
import type { DecisionRow } from './rows.ts';

/** A decision once, with its tenant resolved. */
export type DedupedDecision<R extends DecisionRow = DecisionRow> = R & { tenantId: string };

/**
 * View `decisions_dedup`: one row per decisionId, its earliest publish (delivery is at least
 * once), tenantId = COALESCE(tenantId, clientId) for rows before schemaVersion 3.
 */
export function decisionsDedup<R extends DecisionRow>(rows: readonly R[]): DedupedDecision<R>[] {
  return firstPerKey(rows, (row) => row.decisionId, byDelivery).map((row) => ({
    ...row,
    tenantId: row.tenantId ?? row.clientId,
  }));
}
