/** The five numbers `eval:behavior` prints for a set of scores. */
export interface Distribution {
  readonly min: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of sorted values, linearly interpolated between order statistics
 * (Hyndman & Fan's type 7, NumPy's default): position q·(n − 1).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) {
    throw new RangeError('the quantile of no values is undefined');
  }
  if (!(q >= 0 && q <= 1)) {
    throw new RangeError('q must lie in [0, 1]');
  }
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (position - below);
}

/** Min, 5th percentile, median, 95th percentile and max; null for no values. */
export function distribution(values: readonly number[]): Distribution | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0] as number,
    p5: quantile(sorted, 0.05),
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1] as number,
  };
}
