import type {
  BehaviorBaseline,
  DeviceSighting,
  SimSwapSignal,
  UserHistory,
  UserProfile,
} from '@sentinel/engine';
import type { EnrolledFactors } from '@sentinel/contracts';

/** Everything the hot path needs about one payer, read in one round trip. */
export interface RiskSnapshot {
  /**
   * The bank's profile, its `enrolledFactors` replaced by what counts (`enrolledFactors.methods`):
   * the auth service's record once it exists, see `withEnrolledFactors`.
   */
  readonly profile: UserProfile | null;
  /** The customer's enrolled step-up factors, their source and locks (kept in the decision). */
  readonly enrolledFactors: EnrolledFactors;
  /** The platform-wide telco fact for the payment's number (see SimSwapSignals). */
  readonly simSwap: SimSwapSignal | null;
  /** `EMPTY_HISTORY` when Sentinel has never seen the user. */
  readonly history: UserHistory;
  /** The user's current behavioural baseline; null when never enrolled. */
  readonly baseline: BehaviorBaseline | null;
  /** Frozen by an earlier decision and not unfrozen since. */
  readonly accountFrozen: boolean;
  /** Recent sightings of the payment's device on any of this tenant's accounts, newest first. */
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

/** The hot path's one read of a payer, within one tenant. */
export interface PayerSnapshots {
  /**
   * One batched read (Firestore `getAll`) of profile, the auth service's factors record, SIM swap
   * signal, history, baseline, freeze state and the device's sightings. Throws `StoreUnavailableError` when the store fails or
   * `timeoutMs` passes first — it never hangs.
   */
  readSnapshot(userId: string, phoneNumber: string, opts: SnapshotOptions): Promise<RiskSnapshot>;
}
