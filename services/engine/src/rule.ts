import type { PaymentRequest } from './payment.ts';
import type { SignalFreshness, SimSwapSignal, UserHistory, UserProfile } from './signals.ts';

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
}

/** One rule, ready to run: thresholds were validated once by its factory. */
export interface Rule {
  readonly id: string;
  readonly kind: string;
  evaluate(ctx: AssessmentContext): RuleHit | null;
}
