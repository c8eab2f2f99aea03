import type { Location, PaymentMemory } from '@sentinel/engine';

/** What Sentinel learned from one decision, applied to the user's history off the hot path. */
export interface HistoryUpdate {
  readonly userId: string;
  readonly payment: PaymentMemory;
  readonly location?: Location & { readonly at: Date };
  readonly imei?: { readonly imei: string; readonly phoneNumber: string; readonly at: Date };
}

/** What Sentinel observed of a tenant's customer across decisions and reported failed logins. */
export interface PaymentHistory {
  /**
   * Idempotent on `payment.decisionId`: applying the same update twice changes nothing. Keeps
   * the recent payments bounded (see history/merge-history.ts); an older update never replaces
   * a newer last location or IMEI.
   */
  applyHistory(update: HistoryUpdate): Promise<void>;
  /** Failed login reported by the bank (for the failed-logins rule); kept for 24 h, at most 50. */
  recordFailedLogin(userId: string, at: Date): Promise<void>;
}
