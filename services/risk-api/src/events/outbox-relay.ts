import type { DecisionRecord } from '@sentinel/contracts';
import { every, type Clock } from '@sentinel/kernel';
import type { Logger } from '@sentinel/kernel';
import type { DecisionEvent, DecisionEventPublisher } from '@sentinel/contracts';
import type { DecisionLog } from '@sentinel/store';
import type { AccountFreezes, DeviceSightings, ForTenant, PaymentHistory } from '@sentinel/store';
import { effectWrites } from './decision-effects.ts';
import { BoundedMap } from '@sentinel/kernel';
import { workThrough } from '@sentinel/kernel';

/**
 * Moves recorded decisions out of the outbox: event published; the decision's effects (history,
 * device sighting, account freezes, exactly as the engine stated them) applied, each idempotent on
 * the decision id; entry done.
 */
export interface OutboxRelay {
  /**
   * Publishes the decision's event and applies its effects (history, sighting, freezes; all
   * idempotent downstream), then completes the outbox entry. Rejects when any fails; the
   * entry stays for `sweep`, which applies all of them again.
   */
  deliver(record: DecisionRecord): Promise<void>;
  /** Re-delivers entries older than `graceMs`, oldest first. Concurrent calls share one run. */
  sweep(): Promise<SweepResult>;
  /** Sweeps every `intervalMs` until `stop`. */
  start(): void;
  /** Stops the timer and waits for the sweep and deliveries already under way. */
  stop(): Promise<void>;
}

/** What one sweep did; failed entries stay in the outbox. */
export interface SweepResult {
  readonly delivered: number;
  readonly failed: number;
}

/** Dependencies and timing of `createOutboxRelay`. */
export interface OutboxRelayOptions {
  readonly log: DecisionLog;
  readonly publisher: DecisionEventPublisher;
  /** The decision's tenant (its record's `clientId`) scopes history, sightings and freezes. */
  readonly state: ForTenant<PaymentHistory & DeviceSightings & AccountFreezes>;
  readonly toEvent: (record: DecisionRecord) => DecisionEvent;
  /** Wall time for the grace period and the sweep's timer. */
  readonly clock: Pick<Clock, 'now' | 'setTimer'>;
  readonly logger?: Pick<Logger, 'warn'>;
  readonly intervalMs: number;
  /** Entries younger than this are left to the `deliver` that runs right after the answer. */
  readonly graceMs: number;
  readonly batchSize?: number;
  readonly concurrency?: number;
}

// A sweep gives up after this many failures in a row: the broker is down, the next tick retries.
const MAX_CONSECUTIVE_FAILURES = 3;
// How many published decision ids an instance remembers, to not publish them again.
const PUBLISHED_MEMORY = 50_000;
// Bounds one sweep's work so `stop` and the next tick stay timely during a large backlog.
const MAX_BATCHES_PER_SWEEP = 10;
// An entry whose delivery failed in a sweep sits out this instance's next sweep (one interval).
// Sweeps take the oldest entries first: without the wait, a few entries whose documents stayed
// locked (an overloaded emulator's lock timeouts) failed three in a row at the head of every
// sweep, and a 20,000-decision backlog drained at a few per second. One interval, not longer:
// after a broker outage every entry has failed once, and they must all go out soon after it ends.
const MAX_WAITING = 10_000;

/**
 * The at-least-once half of SPEC §8: a decision that was answered reaches the topic even when
 * Pub/Sub was down when it was made. Duplicates are possible (two instances sweeping, a publish
 * that timed out but landed); consumers deduplicate on `decisionId`.
 */
export function createOutboxRelay(opts: OutboxRelayOptions): OutboxRelay {
  const batchSize = opts.batchSize ?? 100;
  const concurrency = opts.concurrency ?? 8;
  const inFlight = new Set<Promise<unknown>>();
  // Decisions this instance is delivering right now: a sweep leaves them alone. Without this, a
  // delivery slower than graceMs (a busy Firestore) was delivered again by the sweep — 1,461
  // duplicates for 1,969 decisions in a 2,000-request run against a saturated emulator.
  const delivering = new Map<string, Promise<void>>();
  // Decisions whose event this instance already published: a retry of the delivery (a history or
  // freeze write failed, the fallback outbox delivers what the sweep already did) applies the
  // writes again but does not publish again. Without it, 2,502 duplicate deliveries for 5,408
  // decisions in a 6,000-request load run against an overloaded emulator. Bounded; the oldest go
  // (a BoundedMap: a Set whose oldest entry is deleted on every add walks the holes the deletions
  // leave — 2 % of the in-memory risk-api's CPU under load, profiled).
  const published = new BoundedMap<string, true>(PUBLISHED_MEMORY);
  /** decisionId → when this instance may try its entry again (one sweep interval after it failed). */
  const retryAt = new BoundedMap<string, number>(MAX_WAITING);
  const waitAfterFailure = (id: string): void => {
    retryAt.set(id, opts.clock.now().getTime() + opts.intervalMs);
  };
  let sweeping: Promise<SweepResult> | null = null;
  let stopTimer: (() => void) | undefined;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.then(
      () => inFlight.delete(work),
      () => inFlight.delete(work),
    );
    return work;
  };

  /** One delivery per decision at a time in this instance; a second caller joins the first. */
  const deliverOnce = (record: DecisionRecord): Promise<void> => {
    const id = record.decision.decisionId;
    const running = delivering.get(id);
    if (running !== undefined) {
      return running;
    }
    const work = publishAndApply(record).finally(() => delivering.delete(id));
    delivering.set(id, work);
    return work;
  };

  const publishAndApply = async (record: DecisionRecord): Promise<void> => {
    const id = record.decision.decisionId;
    const writes = effectWrites(record);
    const state = opts.state.forTenant(record.clientId);
    const results = await Promise.allSettled([
      published.get(id) === true ? Promise.resolve() : publishOnce(record),
      writes.history === null ? Promise.resolve() : state.applyHistory(writes.history),
      writes.sighting === null ? Promise.resolve() : state.recordSighting(writes.sighting),
      ...writes.freezes.map((order) => state.freezeAccount(order)),
    ]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed !== undefined) {
      throw toError(failed.reason);
    }
    await opts.log.completeOutbox(record.decision.decisionId);
  };

  const publishOnce = async (record: DecisionRecord): Promise<void> => {
    await opts.publisher.publish(opts.toEvent(record));
    published.set(record.decision.decisionId, true);
  };

  const sweepBatch = async (): Promise<SweepResult & { readonly full: boolean }> => {
    const nowMs = opts.clock.now().getTime();
    const olderThan = new Date(nowMs - opts.graceMs);
    const waiting = (id: string) => (retryAt.get(id) ?? 0) > nowMs;
    const fetched = await opts.log.dueOutbox(
      olderThan,
      batchSize + delivering.size + [...retryAt.values()].filter((at) => at > nowMs).length,
    );
    const due = fetched
      .filter((r) => !delivering.has(r.decision.decisionId) && !waiting(r.decision.decisionId))
      .slice(0, batchSize);
    const { done: delivered, failed } = await workThrough(
      due,
      { concurrency, maxFailuresInARow: MAX_CONSECUTIVE_FAILURES },
      async (record) => {
        await deliverOnce(record);
        retryAt.delete(record.decision.decisionId);
      },
      (record, error, failedSoFar) => {
        waitAfterFailure(record.decision.decisionId);
        if (failedSoFar === 1) {
          opts.logger?.warn('outbox delivery failed; the entry stays for the next sweep', {
            decisionId: record.decision.decisionId,
            error,
          });
        }
      },
    );
    return { delivered, failed, full: due.length === batchSize };
  };

  const sweepAll = async (): Promise<SweepResult> => {
    let delivered = 0;
    let failed = 0;
    for (let i = 0; i < MAX_BATCHES_PER_SWEEP; i++) {
      const batch = await sweepBatch();
      delivered += batch.delivered;
      failed += batch.failed;
      if (!batch.full || batch.failed > 0) {
        break;
      }
    }
    return { delivered, failed };
  };

  const sweep = (): Promise<SweepResult> => {
    sweeping ??= track(sweepAll()).finally(() => {
      sweeping = null;
    });
    return sweeping;
  };

  return {
    deliver: (record) => track(deliverOnce(record)),
    sweep,
    start() {
      stopTimer ??= every(opts.clock, opts.intervalMs, () => {
        sweep().catch((error: unknown) => {
          opts.logger?.warn('outbox sweep failed', { error });
        });
      });
    },
    async stop() {
      stopTimer?.();
      stopTimer = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
