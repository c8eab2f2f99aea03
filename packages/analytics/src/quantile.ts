/**
 * The value at percentile `percent` (0-100) by nearest rank: the smallest value with at least
 * `percent`% of the values at or below it, i.e. sorted[ceil(n × percent / 100) − 1] (the first
 * for 0). NULLs are ignored; no values give null. DuckDB's quantile_disc gives the same (tested);
 * BigQuery's APPROX_QUANTILES(x, 100)[OFFSET(percent)] approximates it (docs/analytics.md).
 */
export function quantile(values: readonly (number | null)[], percent: number): number | null {
  const sorted = values.filter((v): v is number => v !== null).toSorted((a, b) => a - b);
  if (sorted.length === 0) {
    return null;
  }
  const rank = Math.max(1, Math.ceil((sorted.length * percent) / 100));
  return sorted[rank - 1] ?? null;
}
