import type { AccessToken } from '../domain/access-token.ts';
import {
  SWAPPED,
  type HttpSettings,
  type SubscriptionRecord,
} from '../subscriptions/subscription.ts';

/** `Subscription` (HTTP flavour, `HTTPSubscriptionResponse`) of sim-swap-subscriptions.yaml. */
export interface SubscriptionWire {
  readonly id: string;
  readonly protocol: 'HTTP';
  readonly sink: string;
  readonly types: readonly [typeof SWAPPED];
  readonly config: {
    readonly subscriptionDetail: { readonly phoneNumber?: string };
    readonly subscriptionExpireTime?: string;
    readonly subscriptionMaxEvents?: number;
  };
  readonly protocolSettings?: HttpSettings;
  readonly startsAt: string;
  readonly expiresAt?: string;
  readonly status: 'ACTIVE' | 'EXPIRED';
}

/**
 * A subscription as a viewer may see it. Data minimisation: a 3-legged viewer gets no
 * `phoneNumber`, a 2-legged one always does; `sinkCredential` is never shown. `expiresAt` is
 * present only with `subscriptionExpireTime` (the simulated operator sets no lifetime of its own).
 */
export function subscriptionToWire(
  subscription: SubscriptionRecord,
  viewer: AccessToken,
  now: Date,
): SubscriptionWire {
  const expires = subscription.expiresAt?.toISOString();
  return {
    id: subscription.id,
    protocol: 'HTTP',
    sink: subscription.sink,
    types: [SWAPPED],
    config: {
      subscriptionDetail:
        viewer.kind === 'THREE_LEGGED' ? {} : { phoneNumber: subscription.phoneNumber },
      ...(expires === undefined ? {} : { subscriptionExpireTime: expires }),
      ...(subscription.maxEvents === undefined
        ? {}
        : { subscriptionMaxEvents: subscription.maxEvents }),
    },
    ...(subscription.protocolSettings === undefined
      ? {}
      : { protocolSettings: subscription.protocolSettings }),
    startsAt: subscription.startsAt.toISOString(),
    ...(expires === undefined ? {} : { expiresAt: expires }),
    status:
      subscription.expiresAt !== undefined && subscription.expiresAt <= now ? 'EXPIRED' : 'ACTIVE',
  };
}
