import {
  SUBSCRIPTION_ENDED,
  SWAPPED,
  type SubscriptionRecord,
  type TerminationReason,
} from './subscription.ts';

/** A CloudEvents 1.0 notification as `CloudEvent` of sim-swap-subscriptions.yaml describes it. */
export interface CloudEvent {
  readonly id: string;
  readonly source: string;
  readonly type: typeof SWAPPED | typeof SUBSCRIPTION_ENDED;
  readonly specversion: '1.0';
  readonly datacontenttype: 'application/json';
  readonly time: string;
  readonly data: Readonly<Record<string, string>>;
}

/** Where events come from and how their ids are made. */
export interface EventContext {
  /** `source`: a URI-reference naming the simulated operator's notification server. */
  readonly source: string;
  readonly newId: () => string;
}

/**
 * `swapped`: `time` is when the SIM changed (test plan: "time is valued by the date time of the
 * sim swap"). `data.phoneNumber` only when the subscriber named the number (2-legged); a 3-legged
 * subscription keeps it out, as its responses do.
 */
export function swappedEvent(
  ctx: EventContext,
  subscription: SubscriptionRecord,
  changedAt: Date,
): CloudEvent {
  return {
    id: ctx.newId(),
    source: ctx.source,
    type: SWAPPED,
    specversion: '1.0',
    datacontenttype: 'application/json',
    time: changedAt.toISOString(),
    data: {
      subscriptionId: subscription.id,
      ...(subscription.identifiedBy === 'REQUEST' ? { phoneNumber: subscription.phoneNumber } : {}),
    },
  };
}

const DESCRIPTIONS: Record<TerminationReason, string> = {
  MAX_EVENTS_REACHED: 'subscriptionMaxEvents reached',
  NETWORK_TERMINATED: 'the operator stopped sending notifications',
  SUBSCRIPTION_EXPIRED: 'subscription expire time reached',
  ACCESS_TOKEN_EXPIRED: 'sink access token expires',
  SUBSCRIPTION_DELETED: 'subscription deleted by the requester',
};

/**
 * `subscription-ended`: `data` is `SubscriptionEnded` exactly; the spec's example also carries
 * `phoneNumber`, which the schema does not define (camara.md §5.5), so it is left out.
 */
export function subscriptionEndedEvent(
  ctx: EventContext,
  subscription: SubscriptionRecord,
  reason: TerminationReason,
  at: Date,
): CloudEvent {
  return {
    id: ctx.newId(),
    source: ctx.source,
    type: SUBSCRIPTION_ENDED,
    specversion: '1.0',
    datacontenttype: 'application/json',
    time: at.toISOString(),
    data: {
      subscriptionId: subscription.id,
      terminationReason: reason,
      terminationDescription: DESCRIPTIONS[reason],
    },
  };
}
