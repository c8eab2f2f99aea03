import type { Action, Assessment, Reason } from './assessment.ts';
import type { PolicyDocument } from './policy/policy-document.ts';
import type { StepUpMethod } from './signals.ts';

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
 * released by a passed step-up). A STEP_UP without a safe method follows `whenNoSafeMethod`:
 * DENY → DENY with NO_SAFE_STEP_UP; ESCROW → STEP_UP with no `stepUp` and escrow reason
 * NO_SAFE_STEP_UP: the payment is held until an out-of-band verification (call centre, branch)
 * releases it (SPEC §7). A DENY is never also held.
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
  const addedReason: Reason = {
    code: NO_SAFE_STEP_UP,
    message:
      input.whenNoSafeMethod === 'DENY'
        ? 'No safe step-up method is left for this customer'
        : 'No safe step-up method is left: held for out-of-band verification',
    weight: 0,
    evidence: input.noSafeMethodEvidence,
  };
  return input.whenNoSafeMethod === 'DENY'
    ? { action: 'DENY', addedReason }
    : { action: 'STEP_UP', escrow: { reason: NO_SAFE_STEP_UP }, addedReason };
}
