import { distribution, type Distribution } from './distribution.ts';
import type { AttemptOutcome } from './scenario-evaluation.ts';

/** Shares (0–1) of a set of outcomes and the distribution of their behaviour scores. */
export interface OutcomeSummary {
  readonly n: number;
  /** Null when no attempt had a behaviour score (the pre-auth probe). */
  readonly scores: Distribution | null;
  readonly approve: number;
  readonly stepUp: number;
  readonly deny: number;
  /** Freeze asked for (always with DENY under the default policy). */
  readonly freeze: number;
  readonly denyWithFreeze: number;
  /** At least STEP_UP: not approved. */
  readonly notApproved: number;
}

/** Summarises outcomes; every share is 0 for no outcomes. */
export function summarise(outcomes: readonly AttemptOutcome[]): OutcomeSummary {
  const n = outcomes.length;
  const share = (test: (o: AttemptOutcome) => boolean) =>
    n === 0 ? 0 : outcomes.filter(test).length / n;
  return {
    n,
    scores: distribution(outcomes.flatMap((o) => (o.score === null ? [] : [o.score]))),
    approve: share((o) => o.action === 'APPROVE'),
    stepUp: share((o) => o.action === 'STEP_UP'),
    deny: share((o) => o.action === 'DENY'),
    freeze: share((o) => o.freeze),
    denyWithFreeze: share((o) => o.action === 'DENY' && o.freeze),
    notApproved: share((o) => o.action !== 'APPROVE'),
  };
}
