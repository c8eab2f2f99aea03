import { Matrix } from 'ml-matrix';

/** A shrunk covariance estimate: `(1 − shrinkage)·S + shrinkage·target·I`. */
export interface ShrunkCovariance {
  readonly covariance: number[][];
  /** The sample covariance S (divisor n). */
  readonly sample: number[][];
  /** Shrinkage intensity δ in [0, 1]. */
  readonly shrinkage: number;
  /** μ = tr(S)/p, the scale of the identity target. */
  readonly target: number;
}

/**
 * Ledoit–Wolf (2004) shrinkage of the sample covariance toward μ·I, with their analytic intensity.
 * `rows` must already be centred (here: standardised). With LW's normalised Frobenius norm
 * ‖A‖² = tr(AAᵀ)/p:  d² = ‖S − μI‖²,  b̄² = (1/n²) Σₖ ‖xₖxₖᵀ − S‖²,  b² = min(b̄², d²),
 * δ = b²/d² (0 when d² = 0: S already is the target). b̄² is computed through the identity
 * Σₖ ‖xₖxₖᵀ − S‖²_F = Σₖ ‖xₖ‖⁴ − n‖S‖²_F (as scikit-learn's `ledoit_wolf_shrinkage` does).
 * Positive definite whenever δ > 0 and μ > 0, also when n < p.
 */
export function ledoitWolf(rows: readonly (readonly number[])[]): ShrunkCovariance {
  const n = rows.length;
  const x = new Matrix(rows.map((r) => [...r]));
  const p = x.columns;
  const s = x.transpose().mmul(x).div(n);
  const sample = s.to2DArray();
  const mu = s.trace() / p;
  let normS2 = 0; // summed directly: a Frobenius norm squared back loses exactness
  for (const row of sample) {
    for (const v of row) {
      normS2 += v * v;
    }
  }
  let sumNorm4 = 0;
  for (const row of rows) {
    let sq = 0;
    for (const v of row) {
      sq += v * v;
    }
    sumNorm4 += sq * sq;
  }
  // ‖S − μI‖²_F = ‖S‖²_F − 2μ·tr(S) + pμ² = ‖S‖²_F − pμ² (tr S = pμ); clamped against rounding.
  const d2 = Math.max(0, (normS2 - p * mu * mu) / p);
  const bBar2 = Math.max(0, (sumNorm4 / n - normS2) / (n * p));
  const shrinkage = d2 > 0 ? Math.min(bBar2, d2) / d2 : 0;
  const covariance = s.clone().mul(1 - shrinkage);
  for (let i = 0; i < p; i += 1) {
    covariance.set(i, i, covariance.get(i, i) + shrinkage * mu);
  }
  return { covariance: covariance.to2DArray(), sample, shrinkage, target: mu };
}
