import {
  escrowRules,
  newHold,
  type DecisionRecord,
  type Escrow,
  type EscrowStatus,
  type EscrowVerification,
} from '@sentinel/contracts';
import { DEFAULT_POLICY } from '@sentinel/engine';
import type { Clock, Logger } from '@sentinel/kernel';
import type {
  DecisionLog,
  EscrowChange,
  EscrowEventRecord,
  EscrowPage,
  EscrowStore,
  EscrowUpdate,
  TenantId,
} from '@sentinel/store';
import { createEventDelivery } from './event-delivery.ts';
import { createSweep, type SweepReport } from './sweep.ts';
import type { EscrowEventPublisher, SignalReader, WebhookPort } from './ports.ts';
import {
  announce,
  causeOfOutcome,
  settle,
  verify,
  type OutcomeStatus,
} from '../domain/escrow-machine.ts';

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

  const { deliverOne } = createEventDelivery({ ...deps, leaseMs, publishRetryMs });
  const sweep = createSweep({ ...deps, deliverOne });

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
      /** The hold's id (events since schema v3); without it the decision record names it. */
      readonly escrowId?: string | null;
    }): Promise<EscrowUpdate | null> {
      if (!event.escrowHeld) {
        return null;
      }
      const at = clock.now();
      const announceIt: EscrowChange = (current) => announce(event.tenantId, current, at);
      if (event.escrowId !== undefined && event.escrowId !== null) {
        // The common case: the hold was written with its decision; no need to read the decision.
        const update = await store.forTenant(event.tenantId).update(event.escrowId, announceIt);
        if (update !== null) {
          await settleEvents(update);
          return update;
        }
      }
      return changeHoldOf(event.tenantId, event.decisionId, announceIt);
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
     * signal is now fresh and clean, and deliver what is due (sweep.ts).
     */
    sweep,
  };
}

export type EscrowService = ReturnType<typeof createEscrowService>;

export type { SweepReport };
