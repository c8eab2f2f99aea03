import { describe, expect, it } from 'vitest';
import { summarise } from './outcome-summary.ts';
import type { AttemptOutcome } from './scenario-evaluation.ts';

const outcome = (
  action: AttemptOutcome['action'],
  freeze: boolean,
  score: number | null,
): AttemptOutcome => ({
  seed: 1,
  action,
  freeze,
  score,
  shieldLevel: null,
  reasons: [],
});

describe('summarise', () => {
  it('counts shares of actions and freezes and describes the scores present', () => {
    const summary = summarise([
      outcome('APPROVE', false, 90),
      outcome('STEP_UP', false, 60),
      outcome('DENY', true, 10),
      outcome('DENY', false, null),
    ]);
    expect(summary).toEqual({
      n: 4,
      scores: { min: 10, p5: 15, p50: 60, p95: 87, max: 90 }, // positions 0.1 and 1.9 of [10, 60, 90]
      approve: 0.25,
      stepUp: 0.25,
      deny: 0.5,
      freeze: 0.25,
      denyWithFreeze: 0.25,
      notApproved: 0.75,
    });
  });

  it('is all zeros for no outcomes', () => {
    expect(summarise([])).toMatchObject({ n: 0, scores: null, approve: 0, deny: 0 });
  });
});
