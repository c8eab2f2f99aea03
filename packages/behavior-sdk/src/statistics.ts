// Descriptive statistics over samples. An empty sample has no value: callers say what a feature
// is when nothing was observed (docs/behavior-sdk.md), so these return 0 for it on purpose.

/** Arithmetic mean; 0 for no samples. */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) {
    return 0;
  }
  let sum = 0;
  for (const x of xs) {
    sum += x;
  }
  return sum / xs.length;
}

/** Population standard deviation (divides by n, as the engine's standardisation does); 0 below 2 samples. */
export function standardDeviation(xs: readonly number[]): number {
  if (xs.length < 2) {
    return 0;
  }
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

/**
 * The q-quantile (0–1) with linear interpolation between closest ranks (Hyndman & Fan type 7,
 * numpy's default); 0 for no samples.
 */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) {
    return 0;
  }
  const sorted = [...xs].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Shannon entropy of the observed categories divided by log2 of `outOf` possible ones: 0 when one
 * category holds everything, 1 when `outOf` categories are equally frequent; 0 for no samples.
 */
export function normalisedEntropy(categories: readonly (number | string)[], outOf: number): number {
  if (categories.length === 0 || outOf < 2) {
    return 0;
  }
  const counts = new Map<number | string, number>();
  for (const c of categories) {
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / categories.length;
    h -= p * Math.log2(p);
  }
  // -0 would print as 0 but compares oddly in tests; entropy is never negative.
  return Math.max(0, h / Math.log2(outOf));
}
