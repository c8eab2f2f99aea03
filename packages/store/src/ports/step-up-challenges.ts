import type { StepUpChallenge } from '@sentinel/contracts';
import type { ForTenant, TenantId } from './tenancy.ts';

export type { StepUpChallenge } from '@sentinel/contracts';

/**
 * A change to one challenge, decided on the challenge as it is now: the new challenge, or null
 * to leave it as it is. Called again when a concurrent change made the store retry.
 */
export type ChallengeChange = (current: StepUpChallenge) => StepUpChallenge | null;

/** The challenge after an `update`, and whether the change wrote it. */
export interface ChallengeUpdate {
  readonly challenge: StepUpChallenge;
  readonly changed: boolean;
}

/**
 * One tenant's step-up challenges (issue 11). Challenges are created by `DecisionLog.record` in
 * the same atomic commit as their STEP_UP decision, never here.
 */
export interface StepUpChallenges {
  /** The tenant's challenge; null for an unknown id and for another tenant's alike. */
  get(id: string): Promise<StepUpChallenge | null>;
  /**
   * A transactional read-modify-write; null when there is no such challenge. When the change
   * makes the challenge terminal (PASSED, FAILED, EXPIRED), the same transaction writes the
   * outcome onto the decision record (`stepUpOutcome`) and an outcome outbox entry.
   */
  update(id: string, change: ChallengeChange): Promise<ChallengeUpdate | null>;
}

/** A challenge with its tenant, as the platform-wide sweeps see it. */
export interface TenantChallenge {
  readonly tenant: TenantId;
  readonly challenge: StepUpChallenge;
}

/**
 * Every tenant's challenges: the per-tenant view, plus the platform-wide expiry sweep and the
 * outbox of outcomes still to be published (an outcome is never lost while Pub/Sub is down).
 */
export interface StepUpChallengeStore extends ForTenant<StepUpChallenges> {
  /**
   * PENDING challenges whose `expiresAt` is at or before `now` become EXPIRED (outcome on the
   * decision and an outbox entry, as `update` writes them); returns those it expired, at most
   * `limit`.
   */
  expireDue(now: Date, limit: number): Promise<readonly TenantChallenge[]>;
  /** Terminal challenges whose outcome event is not yet published, oldest completion first. */
  dueOutcomes(limit: number): Promise<readonly TenantChallenge[]>;
  /** The outcome of this challenge was published. Idempotent. */
  completeOutcome(challengeId: string): Promise<void>;
}
