import type { Clock } from '@sentinel/kernel';
import type { SubscribeResult, SubscriptionManager } from './subscription-manager.ts';
import type { WatchedNumbers } from './watched-numbers.ts';

/** What the risk-api calls when a customer is onboarded (`PUT /v1/users/{id}`) or removed. */
export interface NumberEnrollment {
  /** Watches the number (the poller keeps its signal fresh) and, when configured, subscribes it. */
  enroll(phoneNumber: string): Promise<{ readonly subscription: SubscribeResult | null }>;
  /** Stops watching and unsubscribes. */
  unenroll(phoneNumber: string): Promise<{ readonly unsubscribed: boolean }>;
}

/**
 * Watching is the dependable half (a Firestore write); the subscription is best effort: when the
 * operator refuses it, the result says so and the poller still covers the number.
 */
export function createNumberEnrollment(opts: {
  readonly watched: WatchedNumbers;
  readonly subscriptions: SubscriptionManager | null;
  readonly clock: Pick<Clock, 'now'>;
}): NumberEnrollment {
  return {
    async enroll(phoneNumber) {
      await opts.watched.watch(phoneNumber, opts.clock.now());
      return { subscription: (await opts.subscriptions?.subscribe(phoneNumber)) ?? null };
    },
    async unenroll(phoneNumber) {
      await opts.watched.unwatch(phoneNumber);
      const result = await opts.subscriptions?.unsubscribe(phoneNumber);
      return { unsubscribed: result?.ok === true };
    },
  };
}
