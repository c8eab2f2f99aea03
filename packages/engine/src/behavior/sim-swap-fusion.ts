/** SHIELD's risk levels (its fusion output), kept apart from Sentinel's `RiskLevel`. */
export type ShieldLevel = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

/** What a fusion step adds to Sentinel's assessment. */
export interface FusionOutcome {
  /** Added to Sentinel's risk score. */
  readonly weight: number;
  /** Sentinel level CRITICAL (the policy's CRITICAL action: DENY by default). */
  readonly critical: boolean;
  /** Freeze the account. */
  readonly freeze: boolean;
}

/** A band on the fused confidence: applies below `confidenceBelow` (first match wins). */
export interface FusionBand extends FusionOutcome {
  readonly confidenceBelow: number;
  readonly shieldLevel: Exclude<ShieldLevel, 'LOW'>;
}

/** SHIELD's fusion with the SIM swap signal as policy data (see `behaviorAnomaly`). */
export interface FusionPolicy {
  readonly whenSwapActive: {
    /** SHIELD step 1: swap active and behaviour confidence below this… */
    readonly lowConfidenceBelow: number;
    /** …caps the fused confidence here… */
    readonly lowConfidenceCap: number;
    /** …with this outcome (SHIELD: critical, block and freeze). */
    readonly lowConfidence: FusionOutcome;
    /** SHIELD step 2: otherwise the confidence is multiplied by this. */
    readonly multiplier: number;
  };
  /** SHIELD steps 3–5, ordered by increasing `confidenceBelow`; above the last: LOW, no outcome. */
  readonly bands: readonly FusionBand[];
}

export interface FusionResult {
  /** The fused confidence (SHIELD's scale: high = like the user). */
  readonly fusedScore: number;
  readonly shieldLevel: ShieldLevel;
  /** Null for LOW: nothing to add. */
  readonly outcome: FusionOutcome | null;
}

/**
 * Fuses a behaviour confidence (0–100, high = like the user) with the SIM swap signal in SHIELD's
 * priority order (SPEC §6): (1) swap active and confidence below `lowConfidenceBelow` → capped,
 * its own outcome; (2) swap active → confidence × `multiplier`; (3–5) the first band the fused
 * confidence falls below; (6) otherwise LOW.
 */
export function fuseWithSimSwap(
  confidence: number,
  swapActive: boolean,
  policy: FusionPolicy,
): FusionResult {
  const swap = policy.whenSwapActive;
  if (swapActive && confidence < swap.lowConfidenceBelow) {
    return {
      fusedScore: Math.min(confidence, swap.lowConfidenceCap),
      shieldLevel: 'CRITICAL',
      outcome: swap.lowConfidence,
    };
  }
  const fusedScore = swapActive ? confidence * swap.multiplier : confidence;
  const band = policy.bands.find((b) => fusedScore < b.confidenceBelow);
  if (band === undefined) {
    return { fusedScore, shieldLevel: 'LOW', outcome: null };
  }
  return {
    fusedScore,
    shieldLevel: band.shieldLevel,
    outcome: { weight: band.weight, critical: band.critical, freeze: band.freeze },
  };
}
