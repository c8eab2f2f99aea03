import type { Scope } from '../domain/access-token.ts';
import type { NumberRecord } from '../domain/number-record.ts';
import type { SubscriptionRecord } from '../subscriptions/subscription.ts';

/** An issued access token, stored under the SHA-256 digest of its value (never the value). */
export interface TokenRecord {
  readonly kind: 'TWO_LEGGED' | 'THREE_LEGGED';
  /** Present exactly when `kind` is THREE_LEGGED. */
  readonly phoneNumber?: string;
  readonly scopes: readonly Scope[];
  readonly expiresAt: Date;
}

/**
 * Everything the simulated operator must remember across a restart: its subscribers' numbers,
 * the SIM swap subscriptions and the tokens it issued. Adapters: in-memory and Firestore
 * (collections `camaraNumbers`, `camaraSubscriptions`, `camaraTokens`); both pass
 * `simulator-store.contract.ts`.
 */
export interface SimulatorStore {
  getNumber(phoneNumber: string): Promise<NumberRecord | null>;
  /** Creates or replaces the record. */
  putNumber(record: NumberRecord): Promise<void>;
  /** True when the number existed. */
  deleteNumber(phoneNumber: string): Promise<boolean>;
  /** Every number, by phone number. */
  listNumbers(): Promise<readonly NumberRecord[]>;

  putSubscription(subscription: SubscriptionRecord): Promise<void>;
  getSubscription(id: string): Promise<SubscriptionRecord | null>;
  /** Subscriptions oldest first (then by id), optionally only those of one number. */
  listSubscriptions(filter?: {
    readonly phoneNumber?: string;
  }): Promise<readonly SubscriptionRecord[]>;
  /**
   * Subscriptions due to end: `expiresAt` at or before `expiresBy`, or a sink token expiring at or
   * before `tokenExpiresBy`. Oldest first.
   */
  listExpiring(expiresBy: Date, tokenExpiresBy: Date): Promise<readonly SubscriptionRecord[]>;
  /** Atomically counts one more `swapped` event; the new count, or null when it no longer exists. */
  countEvent(id: string): Promise<number | null>;
  /**
   * True only for the caller that removed it, so exactly one instance announces the end of a
   * subscription even when two end it at once.
   */
  deleteSubscription(id: string): Promise<boolean>;

  putToken(digest: string, token: TokenRecord): Promise<void>;
  getToken(digest: string): Promise<TokenRecord | null>;
}
