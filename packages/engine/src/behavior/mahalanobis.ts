/**
 * Each precision matrix as one Float64Array, made once per matrix object: one contiguous read
 * instead of 55 rows. V8 keeps a frozen array of numbers as boxed numbers — reading a 55 × 55
 * frozen precision took 15.8 µs a call against 1.2 µs for plain arrays (measured), and once a
 * call site has seen both it is slow for both — so the stores now leave the rows unfrozen
 * (packages/store frozen-copy.ts) and this copy keeps any frozen matrix from reaching the loop.
 * A matrix is never changed after it is made (read-only by type; the stores freeze the rest of
 * the baseline; fresh from `fitBaseline`), so a copy keyed by its identity stays right.
 */
const flatPrecisions = new WeakMap<readonly (readonly number[])[], Float64Array>();

function flatPrecision(precision: readonly (readonly number[])[]): Float64Array {
  let flat = flatPrecisions.get(precision);
  if (flat === undefined) {
    const n = precision.length;
    flat = new Float64Array(n * n);
    for (let i = 0; i < n; i += 1) {
      const row = precision[i] as readonly number[];
      for (let j = 0; j < n; j += 1) {
        flat[i * n + j] = row[j] as number;
      }
    }
    flatPrecisions.set(precision, flat);
  }
  return flat;
}

/**
 * Mahalanobis distance of a standardised vector z from the origin: D = √(zᵀPz) for a precision P
 * (clamped at 0 against rounding). Plain loops over the matrix as one Float64Array: ~p²
 * multiply-adds, no allocation after a matrix's first call.
 */
export function mahalanobis(
  precision: readonly (readonly number[])[],
  z: readonly number[],
): number {
  const n = precision.length;
  if (z.length !== n) {
    throw new RangeError(`z has ${z.length} values; the precision is ${n} × ${n}`);
  }
  const p = flatPrecision(precision);
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    let dot = 0;
    for (let j = 0; j < n; j += 1) {
      dot += (p[i * n + j] as number) * (z[j] as number);
    }
    sum += (z[i] as number) * dot;
  }
  return Math.sqrt(Math.max(0, sum));
}
