import type { BehaviorBaseline } from './behavior/behavior-baseline.ts';
import type { BehaviorSignal } from './behavior/behavior-signal.ts';
import type { PaymentRequest } from './payment.ts';
import type {
  DeviceSighting,
  SignalFreshness,
  SimSwapSignal,
  UserHistory,
  UserProfile,
} from './signals.ts';

/** Everything a rule may look at for one assessment. Built by the service from one batched read. */
export interface AssessmentContext {
  readonly payment: PaymentRequest;
  /** null when the bank never onboarded this user. */
  readonly profile: UserProfile | null;
  readonly simSwap: {
    readonly signal: SimSwapSignal | null;
    readonly freshness: SignalFreshness;
  };
  readonly history: UserHistory;
  /** Decision time (the service's clock), not the payment's `occurredAt`. */
  readonly now: Date;
  /**
   * The user's behavioural baseline (null: not enrolled). The snapshot to score is
   * `payment.behavior`. Absent or null: the behaviour rule stays silent.
   */
  readonly behavior?: { readonly baseline: BehaviorBaseline | null };
  /** Recent sightings of this payment's device on any account, for the fleet rule. */
  readonly deviceSightings?: readonly DeviceSighting[];
  /** The account was frozen (by an earlier decision) and not yet unfrozen by an admin. */
  readonly accountFrozen?: boolean;
}

/** What a triggered rule reports. `evidence` holds no raw personal data. */
export interface RuleHit {
  readonly code: string;
  readonly message: string;
  readonly weight: number;
  readonly evidence: Readonly<Record<string, string | number | boolean | null>>;
  /** A hard rule: the level becomes CRITICAL whatever the score. */
  readonly critical?: boolean;
  /** Hold the payment in escrow (e.g. the telco signal cannot be trusted). */
  readonly escrow?: boolean;
  /** Never offer SMS one-time codes for this decision (SIM recently swapped or unknown). */
  readonly blocksSms?: boolean;
  /** Freeze the payer's account (SHIELD's "block and freeze"; the fleet rule). */
  readonly freeze?: boolean;
  /** Other accounts to freeze with it (the fleet rule: the accounts stuffed from this device). */
  readonly freezeOthers?: readonly string[];
}

/** A rule's hit together with what it measured, reported by the assessment even without a hit. */
export interface RuleInspection {
  readonly hit: RuleHit | null;
  readonly behavior?: BehaviorSignal;
}

/** One rule, ready to run: thresholds were validated once by its factory. */
export interface Rule {
  readonly id: string;
  readonly kind: string;
  evaluate(ctx: AssessmentContext): RuleHit | null;
  /**
   * Offered by rules that measure a signal worth reporting on its own (the behaviour score);
   * `assess` calls it instead of `evaluate`. Its `hit` equals what `evaluate` returns.
   */
  inspect?(ctx: AssessmentContext): RuleInspection;
}
