import type { BehaviorBaseline } from './behavior-baseline.ts';
import type { BehaviorIssue } from './behavior-issue.ts';
import { BEHAVIOR_SCHEMA, type FeatureSchema } from './feature-schema.ts';
import { ledoitWolf } from './ledoit-wolf.ts';
import { mahalanobis } from './mahalanobis.ts';
import { columnStats, standardise } from './standardise.ts';
import { symmetricPseudoInverse } from './symmetric-pseudo-inverse.ts';

/** SPEC §6: a baseline needs at least 10 legitimate sessions. */
export const MIN_BASELINE_SESSIONS = 10;

/** A typical training session scores 90: λ = −ln(0.9) / mean training distance (SPEC §6). */
export const TYPICAL_SCORE = 90;

export interface FitBaselineOptions {
  /** When the fit happened (the service's clock). */
  readonly fittedAt: Date;
  /** The vectors' schema; SHIELD's 55 features unless given (e.g. CSV columns for evaluation). */
  readonly schema?: FeatureSchema;
  /** Defaults to `MIN_BASELINE_SESSIONS`; at least 2. */
  readonly minSessions?: number;
}

export type FitBaselineResult =
  | { readonly ok: true; readonly baseline: BehaviorBaseline; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly BehaviorIssue[]; readonly baseline?: never };

/**
 * Fits a user's baseline from legitimate sessions (vectors in schema order): standardise,
 * Ledoit–Wolf shrinkage covariance, symmetric pseudo-inverse as precision, then λ from the mean
 * Mahalanobis distance of the training sessions. Bad input is reported, never thrown.
 */
export function fitBaseline(
  sessions: readonly (readonly number[])[],
  options: FitBaselineOptions,
): FitBaselineResult {
  const schema = options.schema ?? BEHAVIOR_SCHEMA;
  const p = schema.features.length;
  const minSessions = Math.max(2, options.minSessions ?? MIN_BASELINE_SESSIONS);
  const issues = checkSessions(sessions, p, minSessions);
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const stats = columnStats(sessions, p);
  const z = sessions.map((s) => standardise(s, stats));
  const lw = ledoitWolf(z);
  const precision = symmetricPseudoInverse(lw.covariance);
  const meanTrainingDistance =
    z.reduce((sum, zi) => sum + mahalanobis(precision, zi), 0) / sessions.length;
  if (!(meanTrainingDistance > 0) || !Number.isFinite(meanTrainingDistance)) {
    return {
      ok: false,
      issues: [
        {
          code: 'BEHAVIOR.DEGENERATE',
          message: 'the training sessions do not vary: no distance scale can be learned',
        },
      ],
    };
  }
  return {
    ok: true,
    baseline: {
      schemaVersion: schema.version,
      version: 0,
      features: [...schema.features],
      n: sessions.length,
      means: stats.means,
      scales: stats.scales,
      constant: stats.constant,
      precision,
      shrinkage: lw.shrinkage,
      shrinkageTarget: lw.target,
      meanTrainingDistance,
      lambda: -Math.log(TYPICAL_SCORE / 100) / meanTrainingDistance,
      fittedAt: options.fittedAt,
    },
  };
}

function checkSessions(
  sessions: readonly (readonly number[])[],
  p: number,
  minSessions: number,
): BehaviorIssue[] {
  const issues: BehaviorIssue[] = [];
  if (sessions.length < minSessions) {
    issues.push({
      code: 'BEHAVIOR.TOO_FEW_SESSIONS',
      message: `${sessions.length} sessions; at least ${minSessions} are needed`,
    });
  }
  sessions.forEach((s, session) => {
    if (s.length !== p) {
      issues.push({
        code: 'BEHAVIOR.WRONG_LENGTH',
        session,
        message: `${s.length} values; the schema has ${p} features`,
      });
    } else if (!s.every((v) => Number.isFinite(v))) {
      issues.push({ code: 'BEHAVIOR.NON_FINITE', session, message: 'values must be finite' });
    }
  });
  return issues;
}
