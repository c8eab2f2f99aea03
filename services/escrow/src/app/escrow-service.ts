import {
  escrowRules,
  newHold,
  type DecisionRecord,
  type Escrow,
  type EscrowEvent,
  type EscrowStatus,
  type EscrowVerification,
} from '@sentinel/contracts';
import { DEFAULT_POLICY, type SimSwapSignal } from '@sentinel/engine';
import { workThrough, type Clock, type Logger } from '@sentinel/kernel';
import type {
  DecisionLog,
  EscrowChange,
  EscrowEventRecord,
  EscrowPage,
  EscrowStore,
  EscrowUpdate,
  TenantId,
} from '@sentinel/store';
import {
  announce,
  causeOfOutcome,
  expire,
  releaseOnCleanSignal,
  settle,
  verify,
  type OutcomeStatus,
} from '../domain/escrow-machine.ts';

/** The payment stack's webhook, as the service needs it (webhooks/ implements it). */
export interface WebhookPort {
  /** Whether the tenant has an endpoint; a tenant without one gets NO_ENDPOINT. */
  hasEndpoint(tenant: TenantId): boolean;
  /** One delivery attempt of one event to the tenant's endpoint (signed at wall-clock time). */
  deliver(tenant: TenantId, event: EscrowEvent): Promise<WebhookResult>;
  /** When to try again after `attempts` failed attempts, the last at `last`; null: give up. */
  nextAttemptAt(attempts: number, last: Date): Date | null;
}

export interface WebhookResult {
  readonly outcome: 'DELIVERED' | 'RETRY' | 'GONE';
  readonly status: number | null;
  readonly durationMs: number;
  readonly error: string | null;
}

/** Publishes an escrow event on `escrow-events`; rejects when Pub/Sub does not take it. */
export interface EscrowEventPublisher {
  publish(event: EscrowEvent): Promise<void>;
}

/** The telco signal of a number, as ingestion keeps it. */
export interface SignalReader {
  getSimSwapSignal(phoneNumber: string): Promise<SimSwapSignal | null>;
}

export interface EscrowServiceDeps {
  readonly store: EscrowStore;
  /** The decisions (read only): a hold's decision record, for outcomes and redeliveries. */
  readonly log: Pick<DecisionLog, 'get'>;
  readonly signals: SignalReader;
  readonly publisher: EscrowEventPublisher;
  readonly webhooks: WebhookPort;
  readonly clock: Pick<Clock, 'now'>;
  readonly logger: Logger;
  /** How long one worker owns an event's delivery round (≥ the webhook timeout). */
  readonly deliveryLeaseMs?: number;
  /** How long to wait before publishing again after Pub/Sub refused an event. */
  readonly publishRetryMs?: number;
}

/** What an HTTP caller may do to a hold; `by` is the operator or admin. */
export type AdminAction = 'RELEASE' | 'REVERSE';

export interface SweepReport {
  readonly expired: number;
  readonly releasedOnSignal: number;
  readonly delivered: number;
  readonly retried: number;
  readonly dead: number;
  readonly published: number;
}

/** Why an escrow request could not be served; the HTTP layer maps each to problem+json. */
export class EscrowError extends Error {
  override readonly name = 'EscrowError';
  readonly code: 'ESCROW.NOT_FOUND' | 'ESCROW.NOT_HELD';
  /** The escrow as it stands, for NOT_HELD. */
  readonly escrow: Escrow | undefined;

  constructor(code: EscrowError['code'], message: string, escrow?: Escrow) {
    super(message);
    this.code = code;
    this.escrow = escrow;
  }
}

/** Holds or events read per query of the sweep. */
const SWEEP_BATCH = 200;
/** A sweep stops after this many full batches (10,000 items); the next one goes on. */
const MAX_SWEEP_ROUNDS = 50;
/** Transactions in flight at once per sweep; a failure streak ends the round (Firestore down). */
const SWEEP_WORK = { concurrency: 16, maxFailuresInARow: 5 } as const;

/**
 * The escrow service (issue 12): creates and announces holds from decision events, applies
 * outcomes, serves operators and admins, and sweeps (expiry, clean-signal releases, deliveries).
 * Every transition goes through the store's transactions (exactly one terminal state) and is
 * delivered from the store's outbox: right away by the instance that made it, later by the sweep.
 */
export function createEscrowService(deps: EscrowServiceDeps) {
  const { store, clock, logger } = deps;
  const leaseMs = deps.deliveryLeaseMs ?? 60_000;
  const publishRetryMs = deps.publishRetryMs ?? 30_000;

  /** Publishes and delivers the events a change wrote; failures are left to the sweep. */
  async function settleEvents(update: EscrowUpdate | null): Promise<void> {
    for (const event of update?.events ?? []) {
      await deliverOne(event.eventId);
    }
  }

  /** One delivery round of one event: null when another worker has it or it is not due. */
  async function deliverOne(eventId: string): Promise<Round | null> {
    const now = clock.now();
    const claimed = await store.claimEvent(eventId, now, leaseMs);
    if (claimed === null) {
      return null;
    }
    const published = claimed.publishedAt === null ? await publish(claimed, now) : null;
    const webhook = await deliverClaimed(eventId, claimed, now, published);
    return { published: published?.published !== undefined, webhook };
  }

  async function publish(
    record: EscrowEventRecord,
    now: Date,
  ): Promise<{ published?: Date; retryPublishAt?: Date }> {
    try {
      await deps.publisher.publish(record.event);
      return { published: clock.now() };
    } catch (error) {
      logger.warn('escrow event not published; retrying later', {
        eventId: record.event.eventId,
        error,
      });
      return { retryPublishAt: new Date(now.getTime() + publishRetryMs) };
    }
  }

  async function deliverClaimed(
    eventId: string,
    record: EscrowEventRecord,
    now: Date,
    publication: { published?: Date; retryPublishAt?: Date } | null,
  ): Promise<'DELIVERED' | 'RETRY' | 'DEAD' | null> {
    const published = publication ?? {};
    if (record.webhook.status !== 'PENDING') {
      await store.progressEvent(eventId, published);
      return null;
    }
    if (!deps.webhooks.hasEndpoint(record.tenant)) {
      await store.progressEvent(eventId, {
        ...published,
        webhookStatus: 'NO_ENDPOINT',
        nextAttemptAt: null,
      });
      return null;
    }
    const result = await deps.webhooks.deliver(record.tenant, record.event);
    const attempt = {
      at: now,
      status: result.status,
      durationMs: result.durationMs,
      error: result.error,
    };
    if (result.outcome === 'DELIVERED' || result.outcome === 'GONE') {
      await store.progressEvent(eventId, {
        ...published,
        attempt,
        webhookStatus: result.outcome,
        nextAttemptAt: null,
      });
      return result.outcome === 'DELIVERED' ? 'DELIVERED' : 'DEAD';
    }
    const next = deps.webhooks.nextAttemptAt(record.webhook.attempts.length + 1, now);
    if (next === null) {
      logger.error('escrow webhook dead-lettered after its last attempt', {
        eventId,
        tenant: record.tenant,
        attempts: record.webhook.attempts.length + 1,
      });
    }
    await store.progressEvent(eventId, {
      ...published,
      attempt,
      webhookStatus: next === null ? 'DEAD' : 'PENDING',
      nextAttemptAt: next,
    });
    return next === null ? 'DEAD' : 'RETRY';
  }

  /** The hold of a decision record: the one its commit wrote, or (older records) made now. */
  function holdOf(record: DecisionRecord): Escrow | null {
    return newHold({
      decision: record.decision,
      userId: record.userId,
      phoneNumber: record.phoneNumber,
      amount: record.amount,
      channel: record.channel,
      heldAt: record.decidedAt,
      // Only for records written before holds were kept with their decision: their policy's
      // escrow settings were not recorded, so the defaults apply.
      rules: escrowRules(DEFAULT_POLICY),
    });
  }

  async function changeHoldOf(
    tenant: TenantId,
    decisionId: string,
    change: EscrowChange,
  ): Promise<EscrowUpdate | null> {
    const record = await deps.log.get(tenant, decisionId);
    if (record === null) {
      // The decision is recorded before its event or any outcome exists: this is another
      // tenant's id or a forged event, not a race.
      logger.warn('escrow message for an unknown decision', { tenant, decisionId });
      return null;
    }
    const hold = holdOf(record);
    if (hold === null) {
      return null;
    }
    const update = await store.forTenant(tenant).ensure(hold, change);
    await settleEvents(update);
    return update;
  }

  return {
    /** A `risk-decisions` event: make sure its hold exists and is announced (escrow.held). */
    async onDecision(event: {
      readonly tenantId: string;
      readonly decisionId: string;
      readonly escrowHeld: boolean;
    }): Promise<EscrowUpdate | null> {
      if (!event.escrowHeld) {
        return null;
      }
      const at = clock.now();
      return changeHoldOf(event.tenantId, event.decisionId, (current) =>
        announce(event.tenantId, current, at),
      );
    },

    /** A `risk-outcomes` event: release, reverse or keep the decision's hold. */
    async onOutcome(outcome: {
      readonly tenantId: string;
      readonly decisionId: string;
      readonly status: OutcomeStatus;
    }): Promise<EscrowUpdate | null> {
      const at = clock.now();
      return changeHoldOf(outcome.tenantId, outcome.decisionId, (current) => {
        const cause = causeOfOutcome(current, outcome.status);
        return cause === null ? null : settle(outcome.tenantId, current, { cause, at, by: null });
      });
    },

    async get(tenant: TenantId, escrowId: string): Promise<Escrow> {
      const escrow = await store.forTenant(tenant).get(escrowId);
      if (escrow === null) {
        throw new EscrowError('ESCROW.NOT_FOUND', `No escrow ${escrowId}`);
      }
      return escrow;
    },

    list(
      tenant: TenantId,
      opts: { readonly status?: EscrowStatus; readonly limit: number; readonly after?: string },
    ): Promise<EscrowPage> {
      return store.forTenant(tenant).list(opts);
    },

    async events(tenant: TenantId, escrowId: string): Promise<readonly EscrowEventRecord[]> {
      await this.get(tenant, escrowId);
      return store.forTenant(tenant).events(escrowId);
    },

    /** An operator's out-of-band verification; may release or reverse the hold. */
    async recordVerification(
      tenant: TenantId,
      escrowId: string,
      verification: Omit<EscrowVerification, 'recordedAt'>,
    ): Promise<Escrow> {
      const escrows = store.forTenant(tenant);
      const existing = await escrows.get(escrowId);
      if (existing === null) {
        throw new EscrowError('ESCROW.NOT_FOUND', `No escrow ${escrowId}`);
      }
      // Read outside the transaction (a telco read has no place in one); the transition still
      // checks the hold as it is when it commits.
      const signal =
        existing.rules.release === 'VERIFICATION_AND_CLEAN_SIGNAL'
          ? await deps.signals.getSimSwapSignal(existing.phoneNumber)
          : null;
      const recorded = { ...verification, recordedAt: clock.now() };
      const update = await escrows.update(escrowId, (current) =>
        verify(tenant, current, recorded, signal),
      );
      if (update === null) {
        throw new EscrowError('ESCROW.NOT_FOUND', `No escrow ${escrowId}`);
      }
      if (!update.changed) {
        throw new EscrowError(
          'ESCROW.NOT_HELD',
          `Escrow ${escrowId} is ${update.escrow.status}`,
          update.escrow,
        );
      }
      await settleEvents(update);
      return update.escrow;
    },

    /** An admin's release or reversal by hand. */
    async decide(
      tenant: TenantId,
      escrowId: string,
      action: AdminAction,
      by: string,
    ): Promise<Escrow> {
      const at = clock.now();
      const cause = action === 'RELEASE' ? 'ADMIN_RELEASE' : 'ADMIN_REVERSE';
      const update = await store
        .forTenant(tenant)
        .update(escrowId, (current) => settle(tenant, current, { cause, at, by }));
      if (update === null) {
        throw new EscrowError('ESCROW.NOT_FOUND', `No escrow ${escrowId}`);
      }
      if (!update.changed) {
        throw new EscrowError(
          'ESCROW.NOT_HELD',
          `Escrow ${escrowId} is ${update.escrow.status}`,
          update.escrow,
        );
      }
      await settleEvents(update);
      return update.escrow;
    },

    /**
     * Cloud Scheduler's minute: expire holds past `releaseBy`, release verified holds whose
     * signal is now fresh and clean, and deliver what is due. Idempotent; safe on any number of
     * instances at once (transactions and delivery leases).
     */
    async sweep(): Promise<SweepReport> {
      const now = clock.now();
      const report = {
        expired: 0,
        releasedOnSignal: 0,
        delivered: 0,
        retried: 0,
        dead: 0,
        published: 0,
      };
      const onFailure = (what: string) => (_item: unknown, error: unknown) => {
        logger.warn(`escrow sweep: ${what} failed; the next sweep retries`, { error });
      };
      for (let round = 0; round < MAX_SWEEP_ROUNDS; round++) {
        const due = await store.dueExpiries(now, SWEEP_BATCH);
        const { done } = await workThrough(
          due,
          SWEEP_WORK,
          async ({ tenant, escrow }) => {
            const update = await store
              .forTenant(tenant)
              .update(escrow.escrowId, (current) => expire(tenant, current, now));
            report.expired += update?.changed === true ? 1 : 0;
          },
          onFailure('expiry'),
        );
        if (due.length < SWEEP_BATCH || done === 0) {
          break;
        }
      }
      const waiting = await store.awaitingSignal(SWEEP_BATCH);
      await workThrough(
        waiting,
        SWEEP_WORK,
        async ({ tenant, escrow }) => {
          const signal = await deps.signals.getSimSwapSignal(escrow.phoneNumber);
          const update = await store
            .forTenant(tenant)
            .update(escrow.escrowId, (current) =>
              releaseOnCleanSignal(tenant, current, signal, now),
            );
          report.releasedOnSignal += update?.changed === true ? 1 : 0;
        },
        onFailure('clean-signal release'),
      );
      for (let round = 0; round < MAX_SWEEP_ROUNDS; round++) {
        const due = await store.dueEvents(clock.now(), SWEEP_BATCH);
        let progressed = 0;
        await workThrough(
          due,
          SWEEP_WORK,
          async (eventId) => {
            const done = await deliverOne(eventId);
            if (done === null) {
              return;
            }
            progressed++;
            report.published += done.published ? 1 : 0;
            if (done.webhook === 'DELIVERED') {
              report.delivered++;
            } else if (done.webhook === 'RETRY') {
              report.retried++;
            } else if (done.webhook === 'DEAD') {
              report.dead++;
            }
          },
          onFailure('delivery'),
        );
        if (due.length < SWEEP_BATCH || progressed === 0) {
          break;
        }
      }
      return report;
    },
  };
}

export type EscrowService = ReturnType<typeof createEscrowService>;

/** What one delivery round did: whether it published, and how the webhook went. */
interface Round {
  readonly published: boolean;
  readonly webhook: 'DELIVERED' | 'RETRY' | 'DEAD' | null;
}
