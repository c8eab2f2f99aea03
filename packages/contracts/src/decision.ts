import type {
  AssessmentContext,
  BehaviorSignal,
  DeviceSighting,
  Effects,
  PaymentRequest,
  UserHistory,
  UserProfile,
} from '@sentinel/engine';
import type { Decision } from './decision-schema.ts';
import type { EnrolledFactors } from './enrolled-factors.ts';
import type { Escrow } from './escrow.ts';
import type { StepUpChallenge, StepUpOutcome } from './step-up-challenge.ts';

/** Which behaviour baseline the engine scored against (the store keeps every version). */
export interface BaselineRef {
  readonly version: number;
  readonly schemaVersion: string;
  readonly n: number;
  readonly fittedAt: Date;
}

/**
 * The engine's inputs as they were, kept for audit and policy backtests. Typed once here; the
 * Firestore adapter validates it when it reads a record back, nothing else re-parses it.
 */
export interface DecisionContext {
  readonly payment: PaymentRequest;
  /** null when the bank never onboarded the user, or the store did not answer (`degraded`). */
  readonly profile: UserProfile | null;
  /** The signal and its freshness as the engine saw them; null when `degraded`. */
  readonly simSwap: AssessmentContext['simSwap'] | null;
  readonly history: UserHistory;
  /** The store did not answer in time: the decision is the policy's safe action. */
  readonly degraded: boolean;
  readonly behaviorBaseline: BaselineRef | null;
  readonly deviceSightings: readonly DeviceSighting[];
  readonly accountFrozen: boolean;
  /**
   * The enrolled factors the step-up methods were chosen from, and their source; null when
   * `degraded` (and on records written before it was kept).
   */
  readonly enrolledFactors: EnrolledFactors | null;
  /** The full behaviour signal (z-scores per feature), for the feature inspector. */
  readonly behaviorSignal?: BehaviorSignal;
}

/**
 * What Sentinel keeps about one decision: the answer, who asked, the request fingerprint for
 * idempotency, and the inputs the engine saw (for audit and policy backtests).
 */
export interface DecisionRecord {
  readonly decision: Decision;
  /** The API client that asked (idempotency is scoped per client). */
  readonly clientId: string;
  readonly userId: string;
  readonly phoneNumber: string;
  readonly ipAddress: string;
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly channel: string;
  readonly deviceId: string;
  /** SHA-256 of the canonical request body; a retry with another body is a conflict. */
  readonly requestHash: string;
  readonly occurredAt: Date;
  readonly decidedAt: Date;
  /** The engine's inputs and the full behaviour signal it measured. */
  readonly context: DecisionContext;
  /**
   * What follows from the decision as the engine said it (accounts to freeze, history to learn,
   * device sighting to record). The outbox delivery applies exactly this, so a later delivery
   * (sweep, fallback outbox) applies the same. Absent only on records written before effects were
   * recorded: their delivery publishes the event and applies nothing else.
   */
  readonly effects?: Effects;
  /**
   * A STEP_UP decision's challenge, created in the same atomic commit as the record. Given to
   * `DecisionLog.record` only: the log keeps it as its own document, and records read back do not
   * carry it (read it through `StepUpChallenges`).
   */
  readonly challenge?: StepUpChallenge;
  /**
   * The hold of a decision with `escrow` (issue 12), created in the same atomic commit, so it
   * exists the moment the answer is sent. Given to `DecisionLog.record` only, like `challenge`.
   */
  readonly hold?: Escrow;
  /** The challenge's end (PASSED, FAILED or EXPIRED), written by the auth service. */
  readonly stepUpOutcome?: StepUpOutcome;
}
