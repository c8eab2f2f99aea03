import type { Action } from './rows.ts';

/** What a decision led to, as far as its outcomes and its hold say (docs/analytics.md). */
export interface DecisionFacts {
  /** A STEP_UP whose step-up ended: a result (PASSED | FAILED | EXPIRED) or a hold that ended. */
  stepUpEnded: boolean;
  /** A STEP_UP the customer got through: the step-up PASSED or the hold was RELEASED. */
  stepUpPassed: boolean;
  /** The payment did not go through: DENY, a STEP_UP not passed (yet), a hold REVERSED or EXPIRED. */
  blocked: boolean;
  /** Labelled CONFIRMED_FRAUD or CHARGEBACK (the latest label). Unlabelled is not fraud. */
  fraud: boolean;
  /** Labelled CONFIRMED_LEGITIMATE, or unlabelled with a passed step-up. */
  legitimate: boolean;
}

export interface DecisionState {
  action: Action;
  stepUpStatus: string | null;
  label: string | null;
  escrowStatus: string | null;
}

const ENDED_HOLD: readonly (string | null)[] = ['RELEASED', 'REVERSED', 'EXPIRED'];

/** The per-decision facts every KPI counts; the same CASE logic as decisions_enriched.sql. */
export function decisionFacts(state: DecisionState): DecisionFacts {
  const { action, stepUpStatus, label, escrowStatus } = state;
  const stepUp = action === 'STEP_UP';
  const stepUpPassed = stepUp && (stepUpStatus === 'PASSED' || escrowStatus === 'RELEASED');
  return {
    stepUpEnded: stepUp && (stepUpStatus !== null || ENDED_HOLD.includes(escrowStatus)),
    stepUpPassed,
    blocked:
      action === 'DENY' ||
      (stepUp && !stepUpPassed) ||
      escrowStatus === 'REVERSED' ||
      escrowStatus === 'EXPIRED',
    fraud: label === 'CONFIRMED_FRAUD' || label === 'CHARGEBACK',
    legitimate: label === 'CONFIRMED_LEGITIMATE' || (label === null && stepUpPassed),
  };
}
