import { workThrough, type Clock, type Logger } from '@sentinel/kernel';
import type { EscrowStore } from '@sentinel/store';
import { expire, releaseOnCleanSignal } from '../domain/escrow-machine.ts';
import type { Round } from './event-delivery.ts';
import type { SignalReader } from './ports.ts';

export interface SweepReport {
  readonly expired: number;
  readonly releasedOnSignal: number;
  readonly delivered: number;
  readonly retried: number;
  readonly dead: number;
  readonly published: number;
}

/** Holds or events read per query of the sweep. */
const SWEEP_BATCH = 200;
/** A sweep stops after this many full batches (10,000 items); the next one goes on. */
const MAX_SWEEP_ROUNDS = 50;
/** Transactions in flight at once per sweep; a failure streak ends the round (Firestore down). */
const SWEEP_WORK = { concurrency: 16, maxFailuresInARow: 5 } as const;

export function createSweep(deps: {
  readonly store: EscrowStore;
  readonly signals: SignalReader;
  readonly clock: Pick<Clock, 'now'>;
  readonly logger: Logger;
  readonly deliverOne: (eventId: string) => Promise<Round | null>;
}) {
  const { store, clock, logger, deliverOne } = deps;
  /**
   * Cloud Scheduler's minute: expire holds past `releaseBy`, release verified holds whose
   * signal is now fresh and clean, and deliver what is due. Idempotent; safe on any number of
   * instances at once (transactions and delivery leases).
   */
  return async function sweep(): Promise<SweepReport> {
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
          .update(escrow.escrowId, (current) => releaseOnCleanSignal(tenant, current, signal, now));
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
  };
}
