/** Our record of a CAMARA SIM swap subscription for one number. */
export interface SubscriptionRef {
  readonly phoneNumber: string;
  readonly subscriptionId: string;
  readonly createdAt: Date;
  /** When the operator said the subscription ends (`expiresAt`), if it did. */
  readonly expiresAt?: Date;
}

/**
 * Subscription ids by number (Firestore `camaraSubscriptionRefs/{E.164}`, in memory for tests), so
 * a number can be unsubscribed, and an event that carries only a `subscriptionId` (its
 * `phoneNumber` is optional in sim-swap-subscriptions 0.3.0) can be traced to its number.
 */
export interface SubscriptionRefs {
  get(phoneNumber: string): Promise<SubscriptionRef | null>;
  findBySubscriptionId(subscriptionId: string): Promise<SubscriptionRef | null>;
  put(ref: SubscriptionRef): Promise<void>;
  /** Deletes the number's ref; with `subscriptionId`, only if it is still that subscription. */
  delete(phoneNumber: string, subscriptionId?: string): Promise<void>;
}
