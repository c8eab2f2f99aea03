import {
  accountsOnDevice,
  type Assessment,
  type AssessmentContext,
  type CompiledPolicy,
} from '@sentinel/engine';
import type { DecisionRecord } from '@sentinel/contracts';

const FLEET = 'FLEET_ANOMALY';
// Besides the fleet rule, the one rule of the catalog that freezes (SHIELD's "block and freeze").
// A reason does not say whether its rule asked to freeze, so a freeze is attributed to it.
const BEHAVIOR = 'BEHAVIOR_ANOMALY';

/**
 * Which accounts a decision freezes. None unless the engine asked to freeze. When the fleet rule
 * fired and the policy's fleet rule freezes, every account seen on the payment's device within the
 * rule's window (this one included, SHIELD: "all frozen"); otherwise this account alone. Computed from the decision's own inputs, so a re-delivery freezes the same set.
 */
export function freezePlan(
  assessment: Assessment,
  ctx: AssessmentContext | null,
  policy: CompiledPolicy,
): DecisionRecord['freezes'] {
  if (!assessment.freeze || ctx === null) {
    return undefined;
  }
  const { payment } = ctx;
  const fleetRules = policy.document.rules.filter(
    (r) => r.kind === 'fleetAnomaly' && r.enabled !== false && r.params['freeze'] === true,
  );
  const fleet = assessment.reasons.find((r) => r.code === FLEET);
  const window = fleet?.evidence['windowMinutes'];
  if (fleet !== undefined && fleetRules.length > 0 && typeof window === 'number') {
    return {
      userIds: accountsOnDevice(
        ctx.deviceSightings ?? [],
        payment.device.id,
        payment.userId,
        ctx.now,
        window,
      ),
      reason: FLEET,
    };
  }
  const reason = assessment.reasons.some((r) => r.code === BEHAVIOR)
    ? BEHAVIOR
    : (assessment.reasons[0]?.code ?? 'FROZEN');
  return { userIds: [payment.userId], reason };
}
