import {
  assess,
  safeAssessment,
  type Assessment,
  type BehaviorBaseline,
  type CompiledPolicy,
} from '@sentinel/engine';
import type { DecisionRecord } from '@sentinel/contracts';

/** Why a record could not be replayed. */
export const SKIP_REASONS = ['BEHAVIOR_BASELINE_MISSING', 'INCOMPLETE_CONTEXT'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type Replay =
  | { readonly ok: true; readonly assessment: Assessment; readonly issue?: never }
  | { readonly ok: false; readonly issue: SkipReason; readonly assessment?: never };

/** The behaviour baseline a record was scored against, if it was (see `baselineKey`). */
export interface BaselineNeed {
  readonly userId: string;
  readonly version: number;
}

/** The baseline the record's behaviour snapshot was scored against; null when none was. */
export function baselineNeed(record: DecisionRecord): BaselineNeed | null {
  const { context } = record;
  return context.degraded ||
    context.payment.behavior === undefined ||
    context.behaviorBaseline === null
    ? null
    : { userId: context.payment.userId, version: context.behaviorBaseline.version };
}

/**
 * The candidate policy's answer to a recorded decision, from the engine inputs the record kept,
 * at the time it was decided. A degraded record (the risk state could not be read) gets the
 * candidate's safe assessment, exactly what the service would have answered under it. The
 * behaviour baseline is kept by version, not in the record: `baseline` is that version, null
 * when it could not be found (the record is skipped, since the behaviour rule would go silent
 * and every such record would look changed).
 */
export function replayRecord(
  record: DecisionRecord,
  policy: CompiledPolicy,
  baseline: BehaviorBaseline | null,
): Replay {
  const { context, decidedAt } = record;
  if (context.degraded) {
    return {
      ok: true,
      assessment: safeAssessment(context.payment, policy, decidedAt, 'DEPENDENCY_UNAVAILABLE'),
    };
  }
  if (context.simSwap === null) {
    return { ok: false, issue: 'INCOMPLETE_CONTEXT' };
  }
  if (baselineNeed(record) !== null && baseline === null) {
    return { ok: false, issue: 'BEHAVIOR_BASELINE_MISSING' };
  }
  const assessment = assess(
    {
      payment: context.payment,
      profile: context.profile,
      simSwap: context.simSwap,
      history: context.history,
      now: decidedAt,
      behavior: { baseline },
      deviceSightings: context.deviceSightings,
      accountFrozen: context.accountFrozen,
    },
    policy,
  );
  return { ok: true, assessment };
}
