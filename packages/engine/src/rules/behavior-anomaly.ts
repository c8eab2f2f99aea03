import { z } from 'zod';
import type { BehaviorBaseline } from '../behavior/behavior-baseline.ts';
import type { BehaviorIssue, BehaviorIssueCode } from '../behavior/behavior-issue.ts';
import type { BehaviorSignal } from '../behavior/behavior-signal.ts';
import { BEHAVIOR_SCHEMA } from '../behavior/feature-schema.ts';
import { toFeatureVector } from '../behavior/feature-vector.ts';
import { scoreSession } from '../behavior/score-session.ts';
import { fuseWithSimSwap } from '../behavior/sim-swap-fusion.ts';
import type { AssessmentContext, RuleHit, RuleInspection } from '../rule.ts';
import type { RuleKind } from '../rule-kind.ts';
import { simSwapAgeHours } from '../sim-swap-age.ts';
import { round1 } from '../time.ts';
import { HoursSchema, WeightSchema } from './param-schemas.ts';

// SHIELD's confidence scale: 0–100, high = like the user (the opposite of a risk score).
const Confidence = z.number().min(0).max(100);
const Outcome = { weight: WeightSchema, critical: z.boolean(), freeze: z.boolean() };
const freezeNeedsCritical = {
  path: ['freeze'],
  message: 'freeze requires critical: a payment that freezes the account must be denied',
};
const noFreezeWithoutCritical = (o: { critical: boolean; freeze: boolean }) =>
  !o.freeze || o.critical;

const BandSchema = z
  .strictObject({
    confidenceBelow: Confidence,
    shieldLevel: z.enum(['CRITICAL', 'HIGH', 'MEDIUM']),
    ...Outcome,
  })
  .refine(noFreezeWithoutCritical, freezeNeedsCritical);

const ParamsSchema = z
  .strictObject({
    /** The SIM counts as "swap active" for SHIELD's fusion this long after a change. */
    swapActiveWithinHours: HoursSchema,
    whenSwapActive: z.strictObject({
      lowConfidenceBelow: Confidence,
      lowConfidenceCap: Confidence,
      lowConfidence: z.strictObject(Outcome).refine(noFreezeWithoutCritical, freezeNeedsCritical),
      multiplier: z.number().min(0).max(1),
    }),
    bands: z.array(BandSchema).min(1).max(10),
    flagAboveZ: z.number().positive().max(100),
    maxAnomalies: z.number().int().min(0).max(55),
    /** Absent features imputed with the baseline mean (z = 0); more is an invalid snapshot. */
    maxMissingFeatures: z.number().int().min(0).max(55),
    /** A snapshot that cannot be scored (unknown, non-finite or too many missing features). */
    invalidSnapshotWeight: WeightSchema,
  })
  .superRefine(({ bands }, ctx) => {
    bands.forEach((band, i) => {
      const previous = bands[i - 1];
      if (previous !== undefined && band.confidenceBelow <= previous.confidenceBelow) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'confidenceBelow'],
          message: 'bands must be ordered by strictly increasing confidenceBelow',
        });
      }
    });
  });

/** Params of `behaviorAnomaly`. */
export type BehaviorAnomalyParams = z.infer<typeof ParamsSchema>;

// Rounded for the record; `+ 0` turns −0 into 0.
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits + 0;

// A baseline fitted under another feature schema cannot score today's vectors: re-enrol.
const usable = (b: BehaviorBaseline) =>
  b.schemaVersion === BEHAVIOR_SCHEMA.version &&
  b.features.length === BEHAVIOR_SCHEMA.features.length;

/**
 * `behaviorAnomaly` — scores the payment's behaviour snapshot against the user's baseline and fuses
 * the confidence with the SIM swap signal in SHIELD's priority order (SPEC §6), every threshold
 * and outcome being policy data. Silent without a snapshot or a usable baseline. Reports the
 * behaviour signal whenever it scored, also when it adds nothing (SHIELD level LOW).
 */
export const behaviorAnomaly: RuleKind<BehaviorAnomalyParams> = {
  kind: 'behaviorAnomaly',
  description: 'Behaviour unlike the user’s baseline, fused with the SIM swap signal (SHIELD).',
  params: ParamsSchema,
  create(id, params) {
    const inspect = (ctx: AssessmentContext): RuleInspection => {
      const snapshot = ctx.payment.behavior;
      const baseline = ctx.behavior?.baseline ?? null;
      if (snapshot === undefined || baseline === null || !usable(baseline)) {
        return { hit: null };
      }
      const vector = toFeatureVector(snapshot.features, {
        impute: { values: baseline.means, maxMissing: params.maxMissingFeatures },
      });
      if (!vector.ok) {
        return { hit: invalidSnapshot(vector.issues, params.invalidSnapshotWeight) };
      }
      const scored = scoreSession(baseline, vector.vector, params);
      const swapAge = simSwapAgeHours(ctx.simSwap.signal, ctx.now);
      const simSwapActive = swapAge !== null && swapAge < params.swapActiveWithinHours;
      const fused = fuseWithSimSwap(scored.score, simSwapActive, params);
      const behavior: BehaviorSignal = {
        score: round1(scored.score),
        distance: round(scored.distance, 3),
        baselineVersion: baseline.version,
        topAnomalies: scored.topAnomalies,
        fusedScore: round1(fused.fusedScore),
        shieldLevel: fused.shieldLevel,
        simSwapActive,
        zScores: scored.zScores.map(({ name, z }) => ({ name, z: round(z, 2) })),
        imputed: vector.imputed,
      };
      if (fused.outcome === null) {
        return { hit: null, behavior };
      }
      const after = simSwapActive ? `, ${Math.round(fused.fusedScore)} with the SIM swap` : '';
      const first = scored.topAnomalies[0];
      return {
        behavior,
        hit: {
          code: 'BEHAVIOR_ANOMALY',
          message: `Behaviour unlike this user's (confidence ${Math.round(scored.score)}/100${after})${first === undefined ? '' : `: ${first}`}`,
          weight: fused.outcome.weight,
          evidence: {
            behaviorScore: behavior.score,
            fusedScore: behavior.fusedScore,
            shieldLevel: fused.shieldLevel,
            simSwapActive,
            distance: behavior.distance,
            flaggedFeatures: scored.topAnomalies.length,
            imputedFeatures: vector.imputed.length,
          },
          critical: fused.outcome.critical,
          freeze: fused.outcome.freeze,
        },
      };
    };
    return { id, kind: 'behaviorAnomaly', inspect, evaluate: (ctx) => inspect(ctx).hit };
  },
};

function invalidSnapshot(issues: readonly BehaviorIssue[], weight: number): RuleHit {
  const count = (code: BehaviorIssueCode) => issues.filter((i) => i.code === code).length;
  return {
    code: 'BEHAVIOR_SNAPSHOT_INVALID',
    message: 'The behaviour snapshot could not be scored',
    weight,
    evidence: {
      unknownFeatures: count('BEHAVIOR.UNKNOWN_FEATURE'),
      missingFeatures: count('BEHAVIOR.MISSING_FEATURE'),
      nonFiniteFeatures: count('BEHAVIOR.NON_FINITE'),
    },
  };
}
