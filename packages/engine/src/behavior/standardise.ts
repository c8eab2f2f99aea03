/** Per-feature location and scale of a training set. */
export interface ColumnStats {
  readonly means: readonly number[];
  /** Population standard deviation (divisor n); 1 for a constant feature. */
  readonly scales: readonly number[];
  /** True where every training value was identical (its scale is 1 by convention). */
  readonly constant: readonly boolean[];
}

/**
 * Means and population standard deviations of each column (two passes, for accuracy). A column is
 * constant when all its values are identical: its mean is that value exactly and its scale is 1,
 * so rounding in the mean can never produce a spurious tiny scale.
 */
export function columnStats(rows: readonly (readonly number[])[], p: number): ColumnStats {
  const n = rows.length;
  const means: number[] = [];
  const scales: number[] = [];
  const constant: boolean[] = [];
  for (let j = 0; j < p; j += 1) {
    const first = rows[0]?.[j] ?? 0;
    let sum = 0;
    let same = true;
    for (const row of rows) {
      const v = row[j] as number;
      sum += v;
      same &&= v === first;
    }
    if (same) {
      means.push(first);
      scales.push(1);
      constant.push(true);
      continue;
    }
    const mean = sum / n;
    let squares = 0;
    for (const row of rows) {
      const d = (row[j] as number) - mean;
      squares += d * d;
    }
    const sd = Math.sqrt(squares / n);
    means.push(mean);
    scales.push(sd > 0 ? sd : 1);
    constant.push(false);
  }
  return { means, scales, constant };
}

/** `(x − mean) / scale` per feature. */
export function standardise(x: readonly number[], stats: Omit<ColumnStats, 'constant'>): number[] {
  return x.map((v, j) => (v - (stats.means[j] as number)) / (stats.scales[j] as number));
}
