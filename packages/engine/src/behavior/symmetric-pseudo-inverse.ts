import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Moore–Penrose pseudo-inverse of a symmetric matrix via its eigen-decomposition A = VΛVᵀ:
 * A⁺ = V·diag(1/λᵢ)·Vᵀ over the eigenvalues above a tolerance, 0 for the rest (numerically zero or
 * negative from rounding). Tolerance as NumPy's `matrix_rank`/MATLAB's `pinv`: p·ε·max|λ|.
 * Equals the inverse when A is positive definite. The result is exactly symmetric.
 */
export function symmetricPseudoInverse(a: readonly (readonly number[])[]): number[][] {
  const p = a.length;
  const evd = new EigenvalueDecomposition(new Matrix(a.map((r) => [...r])), {
    assumeSymmetric: true,
  });
  const values = evd.realEigenvalues;
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const tolerance = p * Number.EPSILON * largest;
  const out = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  values.forEach((lambda, k) => {
    if (lambda <= tolerance) {
      return;
    }
    const v = evd.eigenvectorMatrix.getColumn(k);
    for (let i = 0; i < p; i += 1) {
      const row = out[i] as number[];
      const vi = (v[i] as number) / lambda;
      // Upper triangle only, mirrored below: symmetric by construction.
      for (let j = i; j < p; j += 1) {
        row[j] = (row[j] as number) + vi * (v[j] as number);
      }
    }
  });
  for (let i = 0; i < p; i += 1) {
    for (let j = 0; j < i; j += 1) {
      (out[i] as number[])[j] = out[j]?.[i] as number;
    }
  }
  return out;
}
