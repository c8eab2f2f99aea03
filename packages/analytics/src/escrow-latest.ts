import { byDelivery, firstPerKey, keyOf } from './order.ts';
import type { EscrowEventRow } from './rows.ts';

/** View `escrow_latest`: a hold's latest event, and how long it lasted once it ended. */
export type EscrowLatest<R extends EscrowEventRow = EscrowEventRow> = R & {
  /** The terminal event's occurredAt − heldAt in seconds; null while HELD. */
  holdSeconds: number | null;
};

/**
 * Per hold the highest sequence (escrow.held is 1, the terminal event 2), so a terminal event
 * that arrives before its escrow.held still wins; among redeliveries the earliest publish.
 */
export function escrowLatest<R extends EscrowEventRow>(rows: readonly R[]): EscrowLatest<R>[] {
  const latest = firstPerKey(
    rows,
    (e) => keyOf(e.tenantId, e.escrowId),
    (a, b) => b.sequence - a.sequence || byDelivery(a, b),
  );
  return latest.map((e) => ({
    ...e,
    holdSeconds: e.status === 'HELD' ? null : (e.occurredAt.getTime() - e.heldAt.getTime()) / 1000,
  }));
}
