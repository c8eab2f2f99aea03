/** The only subscribable event type of sim-swap-subscriptions 0.3.0. */
export const SWAPPED = 'org.camaraproject.sim-swap-subscriptions.v0.swapped';
/** Sent when a subscription ends; needs no subscription of its own. */
export const SUBSCRIPTION_ENDED = 'org.camaraproject.sim-swap-subscriptions.v0.subscription-ended';

/** `TerminationReason` of sim-swap-subscriptions.yaml. */
export type TerminationReason =
  | 'MAX_EVENTS_REACHED'
  | 'NETWORK_TERMINATED'
  | 'SUBSCRIPTION_EXPIRED'
  | 'ACCESS_TOKEN_EXPIRED'
  | 'SUBSCRIPTION_DELETED';

/** `HTTPSettings`: custom headers copied into every delivery. */
export interface HttpSettings {
  readonly headers?: Readonly<Record<string, string>>;
  readonly method?: 'POST';
}

/**
 * A live SIM swap subscription as stored. Ended subscriptions are deleted, so every stored one is
 * active (or due to end at the next sweep). `sinkCredential` never leaves the simulator except as
 * the bearer of deliveries.
 */
export interface SubscriptionRecord {
  readonly id: string;
  readonly phoneNumber: string;
  /**
   * How the subscriber was identified at creation. `TOKEN` (3-legged): the number stays out of
   * responses and events (data minimisation, sim-swap-subscriptions.yaml).
   */
  readonly identifiedBy: 'REQUEST' | 'TOKEN';
  readonly sink: string;
  readonly sinkCredential?: { readonly accessToken: string; readonly expiresAt: Date };
  readonly protocolSettings?: HttpSettings;
  readonly expiresAt?: Date;
  readonly maxEvents?: number;
  readonly startsAt: Date;
  /** `swapped` events generated so far (subscription-ended is not counted, Commonalities). */
  readonly eventsSent: number;
}

/** What a valid create request asks for, apart from its subject. */
export type SubscriptionSpec = Pick<
  SubscriptionRecord,
  'sink' | 'sinkCredential' | 'protocolSettings' | 'expiresAt' | 'maxEvents'
>;
