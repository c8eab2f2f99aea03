import type {
  Location,
  PaymentMemory,
  SimSwapSignal,
  UserHistory,
  UserProfile,
} from '@sentinel/engine';

/** Everything the hot path needs about one payer, read in one round trip. */
export interface RiskSnapshot {
  readonly profile: UserProfile | null;
  readonly simSwap: SimSwapSignal | null;
  /** `EMPTY_HISTORY` when Sentinel has never seen the user. */
  readonly history: UserHistory;
}

/** Thrown by adapters when the store does not answer in time or at all. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'RISK.DEPENDENCY_UNAVAILABLE';
}

/** What Sentinel learned from one decision, applied to the user's history off the hot path. */
export interface HistoryUpdate {
  readonly userId: string;
  readonly payment: PaymentMemory;
  readonly location?: Location & { readonly at: Date };
  readonly imei?: { readonly imei: string; readonly phoneNumber: string; readonly at: Date };
}

/**
 * The payer state Sentinel reads and writes: profiles (from the bank), SIM swap signals (from
 * ingestion) and its own history of what it saw. One Firestore adapter, one in-memory adapter,
 * one contract suite.
 */
export interface RiskStateStore {
  /**
   * One batched read (Firestore `getAll`) of profile, SIM swap signal and history. Throws
   * `StoreUnavailableError` when the store fails or `timeoutMs` passes first — it never hangs.
   */
  readSnapshot(
    userId: string,
    phoneNumber: string,
    opts: { readonly timeoutMs: number },
  ): Promise<RiskSnapshot>;
  getProfile(userId: string): Promise<UserProfile | null>;
  putProfile(profile: UserProfile): Promise<void>;
  /** Offboarding: the profile goes; history and decisions stay for audit. Idempotent. */
  deleteProfile(userId: string): Promise<void>;
  getSimSwapSignal(phoneNumber: string): Promise<SimSwapSignal | null>;
  putSimSwapSignal(signal: SimSwapSignal): Promise<void>;
  /**
   * Idempotent on `payment.decisionId`: applying the same update twice changes nothing. Keeps
   * the recent payments bounded (see adapters/history/merge-history.ts); an older update never
   * replaces a newer last location or IMEI.
   */
  applyHistory(update: HistoryUpdate): Promise<void>;
  /** Failed login reported by the bank (for the failed-logins rule); kept for 24 h, at most 50. */
  recordFailedLogin(userId: string, at: Date): Promise<void>;
  /** Cheap round trip for `/readyz`; throws `StoreUnavailableError` like `readSnapshot`. */
  ping(opts: { readonly timeoutMs: number }): Promise<void>;
}
