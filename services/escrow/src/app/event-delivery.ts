import type { Clock, Logger } from '@sentinel/kernel';
import type { EscrowEventRecord, EscrowStore } from '@sentinel/store';
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

  return { deliverOne };
}
