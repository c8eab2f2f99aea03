/**
 * Mahalanobis distance of a standardised vector z from the origin: D = √(zᵀPz) for a precision P
 * (clamped at 0 against rounding). Plain loops: ~p² multiply-adds, no allocation.
 */
export function mahalanobis(
  precision: readonly (readonly number[])[],
  z: readonly number[],
): number {
  let sum = 0;
  for (let i = 0; i < z.length; i += 1) {
    const row = precision[i] as readonly number[];
    let dot = 0;
    for (let j = 0; j < z.length; j += 1) {
      dot += (row[j] as number) * (z[j] as number);
    }
    sum += (z[i] as number) * dot;
  }
  return Math.sqrt(Math.max(0, sum));
}
