import type { Clock, Logger } from '@sentinel/kernel';
import type { DeliveryProgress, EscrowEventRecord, EscrowStore } from '@sentinel/store';
import type { EscrowEventPublisher, WebhookPort } from './ports.ts';

/** What one delivery round did: whether it published, and how the webhook went. */
export interface Round {
  readonly published: boolean;
  readonly webhook: 'DELIVERED' | 'RETRY' | 'DEAD' | null;
}

/**
 * Delivers escrow events from the store's outbox: one round claims the event (a lease, so one
 * worker at a time), publishes it on escrow-events unless that is done, makes one webhook attempt
 * unless the webhook has ended, and records what happened — the next attempt per the schedule, or
 * the end (DELIVERED, GONE, DEAD after the last attempt, NO_ENDPOINT).
 */
export function createEventDelivery(deps: {
  readonly store: EscrowStore;
  readonly publisher: EscrowEventPublisher;
  readonly webhooks: WebhookPort;
  readonly clock: Pick<Clock, 'now'>;
  readonly logger: Logger;
  readonly leaseMs: number;
  readonly publishRetryMs: number;
}) {
  const { store, clock, logger, leaseMs, publishRetryMs } = deps;

  /**
   * One delivery round of one event: its publication (unless done) and one webhook attempt
   * (unless the webhook has ended), side by side, then one write of both results. Null when
   * another worker has the event or it is not due.
   */
  async function deliverOne(eventId: string): Promise<Round | null> {
    const now = clock.now();
    const claimed = await store.claimEvent(eventId, now, leaseMs);
    if (claimed === null) {
      return null;
    }
    const { record } = claimed;
    const [publication, webhook] = await Promise.all([
      record.publishedAt === null ? publish(record, now) : Promise.resolve(null),
      attempt(record, now),
    ]);
    const kept = await store.progressEvent(claimed, { ...publication, ...webhook.progress });
    if (!kept) {
      // The lease ran out mid-round and another worker took the event: its round counts.
      logger.warn('escrow delivery round lost its claim', { eventId });
    }
    return { published: publication?.published !== undefined, webhook: webhook.outcome };
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

  /** One webhook attempt, and what it makes of the delivery: ended, or the next attempt. */
  async function attempt(
    record: EscrowEventRecord,
    now: Date,
  ): Promise<{ progress: DeliveryProgress; outcome: Round['webhook'] }> {
    if (record.webhook.status !== 'PENDING') {
      return { progress: {}, outcome: null };
    }
    if (!deps.webhooks.hasEndpoint(record.tenant)) {
      return { progress: { webhookStatus: 'NO_ENDPOINT', nextAttemptAt: null }, outcome: null };
    }
    const result = await deps.webhooks.deliver(record.tenant, record.event);
    const logged = {
      at: now,
      status: result.status,
      durationMs: result.durationMs,
      error: result.error,
    };
    if (result.outcome === 'DELIVERED' || result.outcome === 'GONE') {
      return {
        progress: { attempt: logged, webhookStatus: result.outcome, nextAttemptAt: null },
        outcome: result.outcome === 'DELIVERED' ? 'DELIVERED' : 'DEAD',
      };
    }
    const attempts = record.webhook.attempts.length + 1;
    const next = deps.webhooks.nextAttemptAt(attempts, now);
    if (next === null) {
      logger.error('escrow webhook dead-lettered after its last attempt', {
        eventId: record.event.eventId,
        tenant: record.tenant,
        attempts,
      });
    }
    return {
      progress: {
        attempt: logged,
        webhookStatus: next === null ? 'DEAD' : 'PENDING',
        nextAttemptAt: next,
      },
      outcome: next === null ? 'DEAD' : 'RETRY',
    };
  }

  return { deliverOne };
}
