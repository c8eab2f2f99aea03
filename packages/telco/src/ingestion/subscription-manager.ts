import type {
  CamaraSubscriptionsClient,
  SubscriptionsResult,
} from '../providers/camara/camara-subscriptions-client.ts';
import type { Clock } from '@sentinel/kernel';
import { maskPhoneNumber } from '../providers/mask-phone-number.ts';
import { silentLogger, type Logger } from '@sentinel/kernel';
import type { TerminationReason } from './cloud-event.ts';
import type { SubscriptionRefs } from './subscription-refs.ts';

export type SubscribeResult = SubscriptionsResult<{
  readonly subscriptionId: string;
  /** False when the number already had a subscription. */
  readonly created: boolean;
}>;

export interface SubscriptionManager {
  /** Subscribes the number to SIM swap events, once (an existing subscription is kept). */
  subscribe(phoneNumber: string): Promise<SubscribeResult>;
  /** Deletes the number's subscription at the operator, then our ref (404 there counts as done). */
  unsubscribe(phoneNumber: string): Promise<SubscriptionsResult<{ readonly existed: boolean }>>;
  /**
   * The webhook's hook for `subscription-ended`: subscribes again when the ended subscription is
   * still the number's current one (not when we unsubscribed or replaced it meanwhile). Rejects
   * when that fails, so the webhook answers 500 and the operator redelivers the event.
   */
  resubscribe(
    phoneNumber: string,
    ended: { readonly subscriptionId: string; readonly terminationReason: TerminationReason },
  ): Promise<void>;
}

export interface SubscriptionManagerOptions {
  readonly client: CamaraSubscriptionsClient;
  readonly refs: SubscriptionRefs;
  /** Our webhook URL, the subscriptions' `sink`. */
  readonly sinkUrl: string;
  /** The current sink token (the webhook accepts it). */
  readonly sinkToken: string;
  /** Lifetime of the sink credential we hand out; at its end the operator ends the subscription
   * (ACCESS_TOKEN_EXPIRED) and `resubscribe` renews it. */
  readonly sinkTokenTtlMs: number;
  /** Optional `subscriptionExpireTime`, from now. */
  readonly subscriptionTtlMs?: number;
  readonly clock: Clock;
  readonly logger?: Logger;
}

/**
 * Keeps one CAMARA SIM swap subscription per onboarded number, remembered in `SubscriptionRefs`.
 */
export function createSubscriptionManager(opts: SubscriptionManagerOptions): SubscriptionManager {
  const logger = opts.logger ?? silentLogger;

  const create = async (phoneNumber: string): Promise<SubscribeResult> => {
    const now = opts.clock.now();
    const created = await opts.client.create({
      phoneNumber,
      sink: opts.sinkUrl,
      sinkToken: opts.sinkToken,
      sinkTokenExpiresAt: new Date(now.getTime() + opts.sinkTokenTtlMs),
      ...(opts.subscriptionTtlMs === undefined
        ? {}
        : { expireTime: new Date(now.getTime() + opts.subscriptionTtlMs) }),
    });
    let subscription = created.ok ? created.value : null;
    if (!created.ok && created.conflict === true) {
      // ALREADY_EXISTS: the operator has one we lost track of; adopt it if it points at us.
      const listed = await opts.client.list();
      subscription = listed.ok
        ? (listed.value.find((s) => s.phoneNumber === phoneNumber && s.sink === opts.sinkUrl) ??
          null)
        : null;
    }
    if (subscription === null) {
      return created.ok
        ? { ok: false, reason: 'ERROR', detail: 'no subscription', retryable: false }
        : created;
    }
    await opts.refs.put({
      phoneNumber,
      subscriptionId: subscription.id,
      createdAt: now,
      ...(subscription.expiresAt === undefined ? {} : { expiresAt: subscription.expiresAt }),
    });
    logger.info('subscribed to CAMARA SIM swap events', {
      phoneNumber: maskPhoneNumber(phoneNumber),
      status: subscription.status,
    });
    return { ok: true, value: { subscriptionId: subscription.id, created: created.ok } };
  };

  return {
    async subscribe(phoneNumber) {
      const existing = await opts.refs.get(phoneNumber);
      if (existing !== null) {
        return { ok: true, value: { subscriptionId: existing.subscriptionId, created: false } };
      }
      return create(phoneNumber);
    },

    async unsubscribe(phoneNumber) {
      const existing = await opts.refs.get(phoneNumber);
      if (existing === null) {
        return { ok: true, value: { existed: false } };
      }
      const deleted = await opts.client.delete(existing.subscriptionId);
      if (!deleted.ok) {
        return deleted;
      }
      await opts.refs.delete(phoneNumber, existing.subscriptionId);
      return { ok: true, value: { existed: deleted.value } };
    },

    async resubscribe(phoneNumber, ended) {
      const current = await opts.refs.get(phoneNumber);
      if (current?.subscriptionId !== ended.subscriptionId) {
        return;
      }
      const renewed = await create(phoneNumber);
      if (!renewed.ok) {
        throw new Error(`resubscribing failed: ${renewed.reason} ${renewed.detail}`);
      }
      logger.info('CAMARA subscription renewed', {
        phoneNumber: maskPhoneNumber(phoneNumber),
        terminationReason: ended.terminationReason,
      });
    },
  };
}
