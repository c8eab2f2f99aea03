import type { RiskLevel, StepUpMethod } from '@sentinel/engine';

/** A challenge's life: `PENDING` until it is passed, failed or expires; single use. */
export const CHALLENGE_STATUSES = ['PENDING', 'PASSED', 'FAILED', 'EXPIRED'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
export type TerminalStatus = Exclude<ChallengeStatus, 'PENDING'>;

/**
 * The step-up challenge of one STEP_UP decision (issue 11): created in the decision's own commit,
 * so it works the moment the answer is sent. Its id is the decision id; its tenant is the
 * decision's. `riskLevel` is the decision's, so a low-assurance method (e-mail) can be refused
 * for a HIGH-risk payment.
 */
export interface StepUpChallenge {
  readonly id: string;
  readonly userId: string;
  readonly decisionId: string;
  readonly amount: { readonly minor: number; readonly currency: string };
  /** The payee's account id, or null when the payment named none. */
  readonly payee: string | null;
  readonly methods: readonly StepUpMethod[];
  readonly riskLevel: RiskLevel;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly status: ChallengeStatus;
  /** Failed verifications so far (a resend never resets it). */
  readonly attempts: number;
  /** One-time codes sent so far. */
  readonly sends: number;
  readonly passedWith?: StepUpMethod;
  readonly completedAt?: Date;
  /** The passkey module's opaque state between options and verification. */
  readonly webauthnState?: string;
}

/** What a terminal challenge writes onto its decision record. */
export interface StepUpOutcome {
  readonly status: TerminalStatus;
  /** The method that passed it; null when it failed or expired. */
  readonly method: StepUpMethod | null;
  readonly at: Date;
}

export function isTerminal(status: ChallengeStatus): status is TerminalStatus {
  return status !== 'PENDING';
}
