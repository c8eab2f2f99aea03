import type { BehaviorIssue } from './behavior-issue.ts';
import { BEHAVIOR_FEATURE_NAMES } from './feature-schema.ts';

export interface ToFeatureVectorOptions {
  /** Names in vector order; SHIELD's 55 unless given. */
  readonly features?: readonly string[];
  /**
   * Lets up to `maxMissing` absent features be filled from `values` (in vector order: pass the
   * baseline's means, so an imputed feature has z = 0 and adds nothing to the distance). Without
   * it every feature is required — training sessions must be complete.
   */
  readonly impute?: { readonly values: readonly number[]; readonly maxMissing: number };
}

/** A vector in schema order, or every problem found. `imputed` names the features filled in. */
export type FeatureVectorResult =
  | {
      readonly ok: true;
      readonly vector: readonly number[];
      readonly imputed: readonly string[];
      readonly issues?: never;
    }
  | {
      readonly ok: false;
      readonly issues: readonly BehaviorIssue[];
      readonly vector?: never;
      readonly imputed?: never;
    };

/**
 * Turns a `{name: number}` map into a vector in schema order. Unknown names, non-finite values and
 * missing names (beyond what `impute` allows) are issues, all of them listed.
 */
export function toFeatureVector(
  map: Readonly<Record<string, number>>,
  options: ToFeatureVectorOptions = {},
): FeatureVectorResult {
  const names = options.features ?? BEHAVIOR_FEATURE_NAMES;
  if (options.impute !== undefined && options.impute.values.length !== names.length) {
    throw new RangeError('impute.values must hold one value per feature');
  }
  const known = new Set(names);
  const issues: BehaviorIssue[] = [];
  for (const [name, value] of Object.entries(map)) {
    if (!known.has(name)) {
      issues.push({ code: 'BEHAVIOR.UNKNOWN_FEATURE', feature: name, message: 'unknown feature' });
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push({
        code: 'BEHAVIOR.NON_FINITE',
        feature: name,
        message: 'must be a finite number',
      });
    }
  }
  const missing = names.filter((name) => !Object.hasOwn(map, name));
  const impute = options.impute;
  const canImpute = impute !== undefined && missing.length <= impute.maxMissing;
  if (!canImpute) {
    const allowed = impute === undefined ? 0 : impute.maxMissing;
    for (const name of missing) {
      issues.push({
        code: 'BEHAVIOR.MISSING_FEATURE',
        feature: name,
        message: `missing (${missing.length} missing, at most ${allowed} may be)`,
      });
    }
  }
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const vector = names.map((name, i) =>
    Object.hasOwn(map, name) ? (map[name] as number) : (impute?.values[i] as number),
  );
  return { ok: true, vector, imputed: missing };
}
