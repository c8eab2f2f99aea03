import type { BehaviorBaseline } from './behavior-baseline.ts';
import { describeAnomaly } from './feature-phrases.ts';
import { mahalanobis } from './mahalanobis.ts';
import { standardise } from './standardise.ts';

/** SPEC §6: features with |z| above this are flagged. */
export const DEFAULT_FLAG_ABOVE_Z = 2.5;

export interface ScoreSessionOptions {
  /** Flag features with |z| above this; default 2.5 (SPEC §6). */
  readonly flagAboveZ?: number;
  /** At most this many anomalies as text; default 3. */
  readonly maxAnomalies?: number;
}

/** One session against a baseline. */
export interface SessionScore {
  /** SHIELD's confidence, 0–100: 100·exp(−λD); high = like the user (not a risk score). */
  readonly score: number;
  /** Mahalanobis distance D from the baseline. */
  readonly distance: number;
  /** Per feature, in schema order: (x − mean) / scale. */
  readonly zScores: readonly { readonly name: string; readonly z: number }[];
  /** Flagged features as text, most unusual first. */
  readonly topAnomalies: readonly string[];
}

/**
 * Scores a vector (schema order, same schema as the baseline) against a baseline. Flags |z| above
 * the threshold and any change in a feature that was constant in training, ranked by |z|.
 * Throws on a vector of the wrong length: callers build vectors with `toFeatureVector`.
 */
export function scoreSession(
  baseline: BehaviorBaseline,
  vector: readonly number[],
  options: ScoreSessionOptions = {},
): SessionScore {
  if (vector.length !== baseline.features.length) {
    throw new RangeError(
      `vector has ${vector.length} values; the baseline has ${baseline.features.length} features`,
    );
  }
  const z = standardise(vector, baseline);
  const distance = mahalanobis(baseline.precision, z);
  const flagAboveZ = options.flagAboveZ ?? DEFAULT_FLAG_ABOVE_Z;
  const flagged: { readonly z: number; readonly text: string }[] = [];
  const zScores = z.map((zi, i) => {
    const name = baseline.features[i] as string;
    if (baseline.constant[i] === true && vector[i] !== baseline.means[i]) {
      flagged.push({ z: zi, text: describeAnomaly(name, zi, true) });
    } else if (Math.abs(zi) > flagAboveZ) {
      flagged.push({ z: zi, text: describeAnomaly(name, zi) });
    }
    return { name, z: zi };
  });
  const topAnomalies = flagged
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
    .slice(0, options.maxAnomalies ?? 3)
    .map((a) => a.text);
  return { score: 100 * Math.exp(-baseline.lambda * distance), distance, zScores, topAnomalies };
}
