import type {
  BehaviorBaseline,
  DeviceSighting,
  Location,
  PaymentMemory,
  SimSwapSignal,
  UserHistory,
  UserProfile,
} from '@sentinel/engine';
import type { AccountFreezes } from './account-freezes.ts';
import type { BehaviorStore } from './behavior-store.ts';

/** Everything the hot path needs about one payer, read in one round trip. */
export interface RiskSnapshot {
  readonly profile: UserProfile | null;
  readonly simSwap: SimSwapSignal | null;
  /** `EMPTY_HISTORY` when Sentinel has never seen the user. */
  readonly history: UserHistory;
  /** The user's current behavioural baseline; null when never enrolled. */
  readonly baseline: BehaviorBaseline | null;
  /** Frozen by an earlier decision and not unfrozen since. */
  readonly accountFrozen: boolean;
  /** Recent sightings of the payment's device on any account, newest first (fleet rule). */
  readonly deviceSightings: readonly DeviceSighting[];
}

/** Options of `readSnapshot`. */
export interface SnapshotOptions {
  readonly timeoutMs: number;
  /** The payment's device: its recent sightings are read too. Without it: no sightings. */
  readonly deviceId?: string;
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

/** One decision's payment seen from a device, recorded off the hot path (idempotent by decision). */
export interface SightingUpdate extends DeviceSighting {
  readonly decisionId: string;
}

/**
 * The payer state Sentinel reads and writes: profiles (from the bank), SIM swap signals (from
 * ingestion), its own history of what it saw, device sightings, behaviour sessions and baselines,
 * and account freezes. One Firestore adapter, one in-memory adapter, contract suites for both
 * (risk-state-store, behavior-state). One store, because the hot path reads all of it at once.
 */
export interface RiskStateStore extends BehaviorStore, AccountFreezes {
  /**
   * One batched read (Firestore `getAll`) of profile, SIM swap signal, history, baseline, freeze
   * state and the device's sightings. Throws `StoreUnavailableError` when the store fails or
   * `timeoutMs` passes first — it never hangs.
   */
  readSnapshot(userId: string, phoneNumber: string, opts: SnapshotOptions): Promise<RiskSnapshot>;
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
  /**
   * Idempotent on `decisionId`. Keeps a device's sightings newest first, within
   * `SIGHTINGS_WINDOW` of the newest and at most `SIGHTINGS_WINDOW.maxSightings`.
   */
  recordSighting(update: SightingUpdate): Promise<void>;
  /** Failed login reported by the bank (for the failed-logins rule); kept for 24 h, at most 50. */
  recordFailedLogin(userId: string, at: Date): Promise<void>;
  /** Cheap round trip for `/readyz`; throws `StoreUnavailableError` like `readSnapshot`. */
  ping(opts: { readonly timeoutMs: number }): Promise<void>;
}
