import type { Action, Assessment, Reason } from './assessment.ts';
import type { PolicyDocument } from './policy/policy-document.ts';
import { OUT_OF_BAND, type StepUpMethod } from './signals.ts';

/** The reason given when the policy's action for the level, not a rule, asks for more than APPROVE. */
export const POLICY_LEVEL_ACTION = 'POLICY_LEVEL_ACTION';

/** The reason added when a step-up is needed but no safe method is left. */
export const NO_SAFE_STEP_UP = 'NO_SAFE_STEP_UP';

/** What `resolveOutcome` needs: the mapped action, the safe methods and any escrow request. */
export interface OutcomeInput {
  /** The action the level (or the dependency fallback) maps to. */
  readonly action: Action;
  /** Safe methods for this customer, in order of preference. */
  readonly methods: readonly StepUpMethod[];
  /** The code of the hit that asks for escrow, or null. */
  readonly escrowReason: string | null;
  /**
   * A swap within the policy's SMS window is known (from a fresh signal or the last value of a
   * stale one): then a missing safe method follows `whenNoSafeMethod` even when the signal is
   * also untrusted.
   */
  readonly knownRecentSwap: boolean;
  readonly whenNoSafeMethod: PolicyDocument['stepUp']['whenNoSafeMethod'];
  /** Evidence for a NO_SAFE_STEP_UP reason, should one be needed. */
  readonly noSafeMethodEvidence: Reason['evidence'];
}

/** The final action with its step-up and escrow parts, and any reason it adds. */
export type Outcome = Pick<Assessment, 'action' | 'stepUp' | 'escrow'> & {
  /** NO_SAFE_STEP_UP when the step-up could not be offered. */
  readonly addedReason?: Reason;
};

/**
 * Turns the mapped action into the final one. Escrow lifts APPROVE to STEP_UP (a held payment is
 * released by a passed step-up). A STEP_UP without a safe in-app method:
 * - held for an out-of-band verification (`stepUp.methods` is `OUT_OF_BAND` alone, reason
 *   NO_SAFE_STEP_UP) when a hit asks for escrow (the telco signal is stale or unavailable, or the
 *   store could not be read) and no recent swap is known: an untrusted signal alone never denies
 *   (SPEC §5, issue 12) — the customer is not turned away, and no funds move until a call centre
 *   or branch has verified them;
 * - otherwise as `whenNoSafeMethod` says: DENY with NO_SAFE_STEP_UP, or the same out-of-band hold
 *   (ESCROW) with escrow reason NO_SAFE_STEP_UP.
 * A DENY is never also held.
 */
export function resolveOutcome(input: OutcomeInput): Outcome {
  const action =
    input.escrowReason !== null && input.action === 'APPROVE' ? 'STEP_UP' : input.action;
  if (action !== 'STEP_UP') {
    return { action };
  }
  if (input.methods.length > 0) {
    return {
      action,
      stepUp: { methods: [...input.methods] },
      ...(input.escrowReason === null ? {} : { escrow: { reason: input.escrowReason } }),
    };
  }
  const outOfBandHold = (escrowReason: string): Outcome => ({
    action: 'STEP_UP',
    stepUp: { methods: [OUT_OF_BAND] },
    escrow: { reason: escrowReason },
    addedReason: {
      code: NO_SAFE_STEP_UP,
      message: 'No in-app step-up is safe: held until the customer is verified out of band',
      weight: 0,
      evidence: input.noSafeMethodEvidence,
    },
  });
  if (input.escrowReason !== null && !input.knownRecentSwap) {
    return outOfBandHold(input.escrowReason);
  }
  if (input.whenNoSafeMethod === 'ESCROW') {
    return outOfBandHold(NO_SAFE_STEP_UP);
  }
  return {
    action: 'DENY',
    addedReason: {
      code: NO_SAFE_STEP_UP,
      message: 'No safe step-up method is left for this customer',
      weight: 0,
      evidence: input.noSafeMethodEvidence,
    },
  };
}
