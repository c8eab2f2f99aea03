import type { Clock } from '@sentinel/kernel';
import type { AccessToken } from '../domain/access-token.ts';
import type { SimulatorStore } from '../store/simulator-store.ts';
import {
  subscriptionEndedEvent,
  swappedEvent,
  type CloudEvent,
  type EventContext,
} from './cloud-events.ts';
import { createDeliveryQueue, type DeliveryOptions } from './event-delivery.ts';
import type { SubscriptionRecord, SubscriptionSpec, TerminationReason } from './subscription.ts';

export type Outcome<T, E extends string> =
  | { readonly ok: true; readonly value: T; readonly error?: never }
  | { readonly ok: false; readonly error: E; readonly value?: never };

/** Who a subscription is for and how that was established (identifier rules already applied). */
export interface Subject {
  readonly phoneNumber: string;
  readonly identifiedBy: 'REQUEST' | 'TOKEN';
}

/** SIM swap subscriptions: the lifecycle and the events it produces. */
export interface SubscriptionService {
  create(
    spec: SubscriptionSpec,
    subject: Subject,
  ): Promise<Outcome<SubscriptionRecord, 'SERVICE_NOT_APPLICABLE' | 'ALREADY_EXISTS'>>;
  find(
    id: string,
    viewer: AccessToken,
  ): Promise<Outcome<SubscriptionRecord, 'NOT_FOUND' | 'PERMISSION_DENIED'>>;
  /** A 3-legged viewer sees only its number's subscriptions (implicit filtering). */
  list(viewer: AccessToken): Promise<readonly SubscriptionRecord[]>;
  /** Deletes, then announces `subscription-ended` (SUBSCRIPTION_DELETED). */
  remove(
    id: string,
    viewer: AccessToken,
  ): Promise<Outcome<null, 'NOT_FOUND' | 'PERMISSION_DENIED'>>;
  /** A number's latest SIM change moved: one `swapped` per live subscription. Returns the count. */
  notifySimChange(phoneNumber: string, changedAt: Date): Promise<number>;
  /** Ends subscriptions past their expire time or whose sink token is about to expire. */
  sweep(): Promise<number>;
  /** Resolves when every queued delivery has settled (tests, graceful shutdown). */
  idle(): Promise<void>;
}

export interface SubscriptionServiceDeps {
  readonly store: SimulatorStore;
  readonly clock: Clock;
  readonly events: EventContext;
  readonly newId: () => string;
  readonly delivery: Omit<DeliveryOptions, 'onGone'>;
  /** ACCESS_TOKEN_EXPIRED is announced this long before the sink token expires, while it works. */
  readonly accessTokenLeadMs: number;
}

const canSee = (viewer: AccessToken, subscription: SubscriptionRecord): boolean =>
  viewer.kind === 'TWO_LEGGED' || viewer.phoneNumber === subscription.phoneNumber;

/**
 * The subscription lifecycle of sim-swap-subscriptions 0.3.0 with synchronous creation (201,
 * status ACTIVE). An ended subscription is deleted from the store; only the caller whose delete
 * succeeded sends its `subscription-ended`, so concurrent instances announce it once.
 */
export function createSubscriptionService(deps: SubscriptionServiceDeps): SubscriptionService {
  const { store, clock } = deps;
  const queue = createDeliveryQueue({
    ...deps.delivery,
    onGone: async (id) => {
      await store.deleteSubscription(id);
    },
  });

  const send = (subscription: SubscriptionRecord, event: CloudEvent): void => {
    queue.enqueue({
      subscriptionId: subscription.id,
      sink: subscription.sink,
      event,
      ...(subscription.sinkCredential === undefined
        ? {}
        : { bearer: subscription.sinkCredential.accessToken }),
      ...(subscription.protocolSettings?.headers === undefined
        ? {}
        : { headers: subscription.protocolSettings.headers }),
    });
  };

  const end = async (subscription: SubscriptionRecord, reason: TerminationReason) => {
    const removed = await store.deleteSubscription(subscription.id);
    if (removed) {
      send(subscription, subscriptionEndedEvent(deps.events, subscription, reason, clock.now()));
    }
    return removed;
  };

  const endReason = (subscription: SubscriptionRecord, now: number): TerminationReason | null => {
    if (subscription.expiresAt !== undefined && subscription.expiresAt.getTime() <= now) {
      return 'SUBSCRIPTION_EXPIRED';
    }
    const tokenExpiry = subscription.sinkCredential?.expiresAt.getTime();
    if (tokenExpiry !== undefined && tokenExpiry - deps.accessTokenLeadMs <= now) {
      return 'ACCESS_TOKEN_EXPIRED';
    }
    return null;
  };

  const find: SubscriptionService['find'] = async (id, viewer) => {
    const subscription = await store.getSubscription(id);
    if (subscription === null) {
      return { ok: false, error: 'NOT_FOUND' };
    }
    return canSee(viewer, subscription)
      ? { ok: true, value: subscription }
      : { ok: false, error: 'PERMISSION_DENIED' };
  };

  return {
    async create(spec, subject) {
      const number = await store.getNumber(subject.phoneNumber);
      if (number !== null && !number.serviceApplicable) {
        return { ok: false, error: 'SERVICE_NOT_APPLICABLE' };
      }
      const existing = await store.listSubscriptions({ phoneNumber: subject.phoneNumber });
      if (existing.some((s) => s.sink === spec.sink)) {
        return { ok: false, error: 'ALREADY_EXISTS' };
      }
      const subscription: SubscriptionRecord = {
        ...spec,
        id: deps.newId(),
        phoneNumber: subject.phoneNumber,
        identifiedBy: subject.identifiedBy,
        startsAt: clock.now(),
        eventsSent: 0,
      };
      await store.putSubscription(subscription);
      return { ok: true, value: subscription };
    },

    find,

    async list(viewer) {
      return store.listSubscriptions(
        viewer.kind === 'THREE_LEGGED' ? { phoneNumber: viewer.phoneNumber } : {},
      );
    },

    async remove(id, viewer) {
      const found = await find(id, viewer);
      if (!found.ok) {
        return found;
      }
      return (await end(found.value, 'SUBSCRIPTION_DELETED'))
        ? { ok: true, value: null }
        : { ok: false, error: 'NOT_FOUND' };
    },

    async notifySimChange(phoneNumber, changedAt) {
      let sent = 0;
      for (const subscription of await store.listSubscriptions({ phoneNumber })) {
        const reason = endReason(subscription, clock.now().getTime());
        if (reason !== null) {
          await end(subscription, reason);
          continue;
        }
        const count = await store.countEvent(subscription.id);
        const max = subscription.maxEvents;
        if (count === null || (max !== undefined && count > max)) {
          continue;
        }
        send(subscription, swappedEvent(deps.events, subscription, changedAt));
        sent += 1;
        if (max !== undefined && count >= max) {
          await end(subscription, 'MAX_EVENTS_REACHED');
        }
      }
      return sent;
    },

    async sweep() {
      const now = clock.now().getTime();
      const due = await store.listExpiring(new Date(now), new Date(now + deps.accessTokenLeadMs));
      let ended = 0;
      for (const subscription of due) {
        const reason = endReason(subscription, now);
        if (reason !== null && (await end(subscription, reason))) {
          ended += 1;
        }
      }
      return ended;
    },

    idle: () => queue.idle(),
  };
}
