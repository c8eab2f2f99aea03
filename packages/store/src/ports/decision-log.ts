import type { DecisionRecord } from '@sentinel/contracts';
import type { EscrowReader } from './escrows.ts';
import type { ForTenant, TenantId } from './tenancy.ts';

/** Where a record sits in decision order: by `decidedAt`, then by `decisionId`. */
export interface DecisionPosition {
  readonly decidedAt: Date;
  readonly decisionId: string;
}

/** Decision times from `from` (inclusive) to `to` (exclusive), optionally resumed past `after`. */
export interface DecidedWindow {
  readonly from: Date;
  readonly to: Date;
  /** Only records strictly after this position (a page boundary, a cursor). */
  readonly after?: DecisionPosition;
}

/** `created`, or the record that already holds the idempotency claim. */
export type RecordResult =
  | { readonly created: true; readonly existing?: never }
  | { readonly created: false; readonly existing: DecisionRecord };

/**
 * Durable decision records with idempotency and an outbox. A record's tenant is its `clientId`
 * (a client is a tenant); the outbox is platform-wide and its entries name their tenant.
 *
 * `record` is atomic: it creates the idempotency claim `(clientId, transactionId)`, the decision
 * record and an outbox entry together, or nothing. If the claim exists, it returns the record that
 * won, and the caller answers with that one (same decisionId, no second event). The store does not
 * compare bodies: the caller compares `existing.requestHash` and answers 409 on a mismatch.
 * Recording the very same record again (a retry after a lost commit response) returns it as
 * `existing`. Safe under concurrent calls from several instances.
 * Outbox entries stay until `completeOutbox` — every answered decision is published at least once.
 * A record with a `hold` creates the escrow in the same commit (issue 12); `escrows` reads it back
 * as the escrow service has moved it since.
 */
export interface DecisionLog {
  record(record: DecisionRecord): Promise<RecordResult>;
  /** The tenant's decision; null for an unknown id and for another tenant's decision alike. */
  get(tenant: TenantId, decisionId: string): Promise<DecisionRecord | null>;
  /**
   * The tenant's records decided within `window`, in decision order (`decidedAt`, then
   * `decisionId`), in pages of at most `pageSize`. Lazy: each page is read when the consumer asks
   * for it, so a window of any size is read in bounded memory (policy backtests).
   */
  decidedWithin(
    tenant: TenantId,
    window: DecidedWindow,
    pageSize: number,
  ): AsyncIterable<readonly DecisionRecord[]>;
  /** Outbox entries due for (re)delivery: decided at or before `olderThan`, oldest first. */
  dueOutbox(olderThan: Date, limit: number): Promise<readonly DecisionRecord[]>;
  /** The decision's event was published and its history, sighting and freezes applied. Idempotent. */
  completeOutbox(decisionId: string): Promise<void>;
  /** The holds the log's records created, as they stand now. */
  readonly escrows: ForTenant<EscrowReader>;
}
