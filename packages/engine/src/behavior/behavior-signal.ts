import type { ShieldLevel } from './sim-swap-fusion.ts';

/**
 * The behaviour part of an assessment, present when a snapshot was scored against a baseline.
 * `score` and `fusedScore` are SHIELD's confidence (0–100, high = like the user), the opposite
 * direction of Sentinel's `riskScore`.
 */
export interface BehaviorSignal {
  /** 100·exp(−λD), one decimal. */
  readonly score: number;
  /** Mahalanobis distance D from the baseline, three decimals. */
  readonly distance: number;
  /** The baseline's store-assigned version. */
  readonly baselineVersion: number;
  /** Flagged features as text, most unusual first. */
  readonly topAnomalies: readonly string[];
  /** The confidence after fusion with the SIM swap signal, one decimal. */
  readonly fusedScore: number;
  readonly shieldLevel: ShieldLevel;
  readonly simSwapActive: boolean;
  /** Per feature z-scores (two decimals), for the feature inspector. */
  readonly zScores: readonly { readonly name: string; readonly z: number }[];
  /** Features missing from the snapshot, filled with the baseline mean (z = 0). */
  readonly imputed: readonly string[];
}
