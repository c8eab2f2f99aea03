import type { Assessment, Reason } from './assessment.ts';
import { historyEffect } from './effects.ts';
import { resolveOutcome } from './outcome.ts';
import type { CompiledPolicy } from './policy/compiled-policy.ts';
import type { PaymentRequest } from './payment.ts';
import { byWeightThenCode } from './scoring.ts';

/**
 * The answer when the service cannot read its state (SPEC: never a 500): the policy's
 * `dependencyUnavailable` action — DENY from `denyFromMinor` of the payment's currency up — held in
 * escrow when it is a step-up. The customer's factors are unknown, so both phishing-resistant
 * methods the policy allows are offered (the auth service checks enrolment); SMS and e-mail are
 * not, since the SIM state is unknown too. Scored as HIGH: nothing could be checked.
 * Its effects: the attempt is remembered, nothing is learned or frozen, and no sighting is left
 * (whether the customer exists could not be read).
 * `_now` is the decision time, accepted for symmetry with `assess` and for future time rules.
 */
export function safeAssessment(
  payment: PaymentRequest,
  policy: CompiledPolicy,
  _now: Date,
  reasonCode: string,
): Assessment {
  const doc = policy.document;
  const { action, denyFromMinor } = doc.dependencyUnavailable;
  const limit = denyFromMinor[payment.amount.currency];
  const riskScore = doc.levels.highFrom;
  const outcome = resolveOutcome({
    action: limit !== undefined && payment.amount.minor >= limit ? 'DENY' : action,
    methods: doc.stepUp.preference.filter((m) => m === 'WEBAUTHN' || m === 'TOTP'),
    escrowReason: reasonCode,
    knownRecentSwap: false,
    whenNoSafeMethod: doc.stepUp.whenNoSafeMethod,
    noSafeMethodEvidence: { simInDoubt: true },
  });
  const reasons: Reason[] = [
    {
      code: reasonCode,
      message: "The customer's risk state could not be read; the safe action applies",
      weight: riskScore,
      evidence: { denyFromMinor: limit ?? null },
    },
  ];
  if (outcome.addedReason !== undefined) {
    reasons.push(outcome.addedReason);
    reasons.sort(byWeightThenCode);
  }
  return {
    action: outcome.action,
    riskScore,
    riskLevel: 'HIGH',
    reasons,
    ...(outcome.stepUp === undefined ? {} : { stepUp: outcome.stepUp }),
    ...(outcome.escrow === undefined ? {} : { escrow: outcome.escrow }),
    freeze: false,
    effects: { freezes: [], history: historyEffect(payment, outcome.action), sighting: null },
    signals: {
      simSwap: { lastSwapAt: null, ageHours: null, freshness: 'UNAVAILABLE', source: null },
    },
    policy: { id: doc.id, version: doc.version },
  };
}
