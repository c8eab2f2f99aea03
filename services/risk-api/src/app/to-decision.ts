import { isOutOfBand, OUT_OF_BAND, type Assessment } from '@sentinel/engine';
import type { Decision } from '@sentinel/contracts';

export interface DecisionIds {
  readonly decisionId: string;
  /** Makes the escrow's id: called only for a decision that holds the payment. */
  readonly escrowId: () => string;
}

/**
 * Wraps the engine's assessment in the wire contract: ids, challenge URL and expiry, escrow id
 * and release deadline, RFC 3339 dates.
 */
export function toDecision(
  assessment: Assessment,
  opts: {
    readonly transactionId: string;
    readonly ids: DecisionIds;
    readonly now: Date;
    readonly authBaseUrl: string;
    readonly challengeTtlSeconds: number;
    readonly escrowHoldHours: number;
    readonly latencyMs: number;
  },
): Decision {
  const { simSwap, behavior } = assessment.signals;
  const stepUp =
    assessment.action !== 'STEP_UP' || assessment.stepUp === undefined
      ? {}
      : isOutOfBand(assessment.stepUp.methods)
        ? { stepUp: { methods: [OUT_OF_BAND] as const } }
        : {
            stepUp: {
              methods: assessment.stepUp.methods,
              // Stored without its client secret; the answer adds it (with-client-secret.ts).
              challengeUrl: `${opts.authBaseUrl}/v1/challenges/${opts.ids.decisionId}`,
              expiresAt: new Date(
                opts.now.getTime() + opts.challengeTtlSeconds * 1000,
              ).toISOString(),
            },
          };
  const escrow =
    assessment.escrow !== undefined && assessment.action !== 'DENY'
      ? {
          escrow: {
            status: 'HELD' as const,
            escrowId: opts.ids.escrowId(),
            reason: assessment.escrow.reason,
            releaseBy: new Date(
              opts.now.getTime() + opts.escrowHoldHours * 3_600_000,
            ).toISOString(),
          },
        }
      : {};
  return {
    decisionId: opts.ids.decisionId,
    transactionId: opts.transactionId,
    action: assessment.action,
    riskScore: assessment.riskScore,
    riskLevel: assessment.riskLevel,
    reasons: assessment.reasons,
    ...stepUp,
    ...escrow,
    freeze: assessment.freeze,
    signals: {
      simSwap: {
        lastSwapAt: simSwap.lastSwapAt?.toISOString() ?? null,
        ageHours: simSwap.ageHours,
        freshness: simSwap.freshness,
        source: simSwap.source,
      },
      // SPEC §4's public part of the behaviour signal; the rest is for the feature inspector.
      ...(behavior === undefined
        ? {}
        : {
            behavior: {
              score: behavior.score,
              distance: behavior.distance,
              baselineVersion: behavior.baselineVersion,
              topAnomalies: behavior.topAnomalies,
            },
          }),
    },
    policy: assessment.policy,
    latencyMs: opts.latencyMs,
  };
}
