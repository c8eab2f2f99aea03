import type { FeatureInspection, InspectedFeature } from '@sentinel/console';
import type { DecisionRecord } from '@sentinel/contracts';
import { BEHAVIOR_FEATURES, DEFAULT_FLAG_ABOVE_Z, type BehaviorBaseline } from '@sentinel/engine';

/**
 * The feature inspector of one decision: the session vector kept with the decision's inputs, the
 * z-scores the engine computed, and the means and deviations of the baseline version it scored
 * against (the store keeps every version). SPEC §6: |z| > 2.5 is flagged.
 */
export function inspectFeatures(
  record: DecisionRecord,
  baseline: BehaviorBaseline | null,
): FeatureInspection {
  const signal = record.context.behaviorSignal;
  const decisionId = record.decision.decisionId;
  if (signal === undefined) {
    return {
      scored: false,
      decisionId,
      userId: record.userId,
      reason:
        record.context.payment.behavior === undefined
          ? 'The payment carried no behaviour snapshot'
          : 'The snapshot was not scored (no baseline of this user, or another feature schema)',
    };
  }
  const session = record.context.payment.behavior?.features ?? {};
  const zByName = new Map(signal.zScores.map((z) => [z.name, z.z]));
  const imputed = new Set(signal.imputed);
  const features = BEHAVIOR_FEATURES.map((feature): InspectedFeature => {
    const i = baseline?.features.indexOf(feature.name) ?? -1;
    const mean = i < 0 ? null : (baseline?.means[i] ?? null);
    const std = i < 0 ? null : (baseline?.scales[i] ?? null);
    const value = Object.hasOwn(session, feature.name) ? (session[feature.name] ?? null) : null;
    const z = zByName.get(feature.name) ?? 0;
    const constantChanged =
      i >= 0 && baseline?.constant[i] === true && value !== null && value !== mean;
    return {
      name: feature.name,
      group: feature.group,
      session: value,
      mean,
      std,
      z,
      flagged: Math.abs(z) > DEFAULT_FLAG_ABOVE_Z || constantChanged,
      imputed: imputed.has(feature.name),
    };
  });
  return {
    scored: true,
    decisionId,
    userId: record.userId,
    baselineVersion: signal.baselineVersion,
    baselineSessions: baseline?.n ?? null,
    flagAboveZ: DEFAULT_FLAG_ABOVE_Z,
    score: signal.score,
    distance: signal.distance,
    topAnomalies: signal.topAnomalies,
    features,
  };
}
