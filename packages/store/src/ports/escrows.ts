import type { Escrow, EscrowEvent, EscrowStatus } from '@sentinel/contracts';
import type { ForTenant, TenantId } from './tenancy.ts';

/**
 * A transition decided on the escrow as it is now: its next state and the events it emits (in
 * sequence order), or null to leave it. Called again when a concurrent change made the store
 * retry, so it must be pure.
 */
export type EscrowChange = (current: Escrow) => EscrowTransition | null;

export interface EscrowTransition {
  readonly escrow: Escrow;
  readonly events: readonly EscrowEvent[];
}

/** The escrow after an `update`, and the events the change wrote (none when nothing changed). */
export interface EscrowUpdate extends EscrowTransition {
  readonly changed: boolean;
}

/** Where the payment stack's webhook for one event stands. */
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'DEAD', 'GONE', 'NO_ENDPOINT'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One attempt to deliver a webhook. */
export interface DeliveryAttempt {
  readonly at: Date;
  /** The HTTP status the endpoint answered; null when it did not answer. */
  readonly status: number | null;
  readonly durationMs: number;
  /** A short, secret-free description of what went wrong; null on success. */
  readonly error: string | null;
}

/** An event as the store keeps it: the event, its webhook's delivery log and its publication. */
export interface EscrowEventRecord {
  readonly tenant: TenantId;
  readonly event: EscrowEvent;
  readonly webhook: {
    readonly status: DeliveryStatus;
    readonly attempts: readonly DeliveryAttempt[];
    /** When the next attempt is due; null once the delivery ended. */
    readonly nextAttemptAt: Date | null;
  };
  /** When the event reached the escrow-events topic; null until then. */
  readonly publishedAt: Date | null;
}

/** An event taken for one delivery round: the record as claimed and the claim's proof. */
export interface ClaimedEvent {
  readonly record: EscrowEventRecord;
  /** Opaque: the store's proof that no other worker has claimed the event since. */
  readonly claim: string;
}

/** What one delivery round did to an event; the store applies it and reschedules or ends it. */
export interface DeliveryProgress {
  /** The event reached the topic at this time. */
  readonly published?: Date;
  /** Publication failed: try again at this time. */
  readonly retryPublishAt?: Date;
  /** A webhook attempt was made; appended to the delivery log. */
  readonly attempt?: DeliveryAttempt;
  readonly webhookStatus?: DeliveryStatus;
  /** The webhook's next attempt; null when its delivery ended. */
  readonly nextAttemptAt?: Date | null;
}

export interface EscrowPage {
  readonly escrows: readonly Escrow[];
  /** Pass as `after` for the next page; null on the last. */
  readonly next: string | null;
}

/** What the risk-api reads of an escrow: its state, for the decision view. */
export interface EscrowReader {
  /** The tenant's escrow; null for an unknown id and for another tenant's alike. */
  get(escrowId: string): Promise<Escrow | null>;
}

/** One tenant's escrows. Holds are created by `DecisionLog.record` with their decision. */
export interface Escrows extends EscrowReader {
  /** Newest first, optionally of one status; `after` is the previous page's `next`. */
  list(opts: {
    readonly status?: EscrowStatus;
    readonly limit: number;
    readonly after?: string;
  }): Promise<EscrowPage>;
  /**
   * A transactional read-modify-write: the escrow, its new events and their outbox entries are
   * written together or not at all; null when there is no such escrow. However many instances
   * race, each change sees the state the previous one left.
   */
  update(escrowId: string, change: EscrowChange): Promise<EscrowUpdate | null>;
  /**
   * Creates the escrow unless it exists, then applies `change` to what is there, in one
   * transaction (the decision event's path, for a hold the decision's commit did not write).
   */
  ensure(escrow: Escrow, change: EscrowChange): Promise<EscrowUpdate>;
  /** Every event of the escrow with its delivery log, in sequence order. */
  events(escrowId: string): Promise<readonly EscrowEventRecord[]>;
}

/** An escrow with its tenant, as the platform-wide sweep sees it. */
export interface TenantEscrow {
  readonly tenant: TenantId;
  readonly escrow: Escrow;
}

/** Every tenant's escrows, plus the platform-wide sweeps and the outbox of events to deliver. */
export interface EscrowStore extends ForTenant<Escrows> {
  /** HELD escrows whose `releaseBy` is at or before `now`, soonest first. */
  dueExpiries(now: Date, limit: number): Promise<readonly TenantEscrow[]>;
  /** HELD escrows with a passed verification that wait for a fresh, clean telco signal. */
  awaitingSignal(limit: number): Promise<readonly TenantEscrow[]>;
  /** Event ids whose publication or webhook is due at or before `now`, oldest first. */
  dueEvents(now: Date, limit: number): Promise<readonly string[]>;
  /**
   * Takes the event's delivery for `leaseMs` (so one worker at a time delivers it); null when it
   * is not due, taken by another worker, or finished.
   */
  claimEvent(eventId: string, now: Date, leaseMs: number): Promise<ClaimedEvent | null>;
  /**
   * Records what the claimed delivery round did, and ends the outbox entry when nothing is left
   * to do. False (nothing written) when the claim was lost: its lease ran out and another worker
   * took the event since.
   */
  progressEvent(claimed: ClaimedEvent, progress: DeliveryProgress): Promise<boolean>;
}
