import type { DecisionRecord, ReportedOutcome } from '@sentinel/contracts';

export const OUTCOME_LABELS = ['fraud', 'legitimate', 'unlabelled'] as const;
/** What became of a decision, as far as anyone told Sentinel. */
export type OutcomeLabel = (typeof OUTCOME_LABELS)[number];

/**
 * A decision's label for a backtest: fraud when the bank confirmed fraud or a chargeback came
 * (whatever else was reported: a passed step-up can still be fraud, and a chargeback outweighs an
 * analyst's earlier "legitimate"); legitimate when the bank confirmed it or a step-up passed
 * (the auth service's, on the record, or one the bank ran and reported); else unlabelled.
 */
export function outcomeLabel(
  record: Pick<DecisionRecord, 'stepUpOutcome'>,
  reports: readonly ReportedOutcome[],
): OutcomeLabel {
  let legitimate = record.stepUpOutcome?.status === 'PASSED';
  for (const { outcome } of reports) {
    if (outcome === 'CONFIRMED_FRAUD' || outcome === 'CHARGEBACK') {
      return 'fraud';
    }
    legitimate ||= outcome === 'CONFIRMED_LEGITIMATE' || outcome === 'STEP_UP_PASSED';
  }
  return legitimate ? 'legitimate' : 'unlabelled';
}
