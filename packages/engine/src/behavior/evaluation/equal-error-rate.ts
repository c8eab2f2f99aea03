/** Where the false accept and false reject rates cross. */
export interface EqualErrorRate {
  /** FAR = FRR at the crossing, linearly interpolated between neighbouring thresholds. */
  readonly eer: number;
  /** The threshold at the crossing (accept when score ≥ threshold), interpolated likewise. */
  readonly threshold: number;
}

/**
 * The equal error rate of a scorer where high means genuine: sweeps the threshold t over every
 * distinct score (and above the highest), accepting scores ≥ t. FRR(t) = share of genuine scores
 * below t, rising from 0; FAR(t) = share of impostor scores at or above t, falling to 0. Between
 * the last threshold where FAR > FRR and the first where FAR ≤ FRR both rates are interpolated
 * linearly and the EER is their common value where they meet.
 */
export function equalErrorRate(
  genuine: readonly number[],
  impostor: readonly number[],
): EqualErrorRate {
  if (genuine.length === 0 || impostor.length === 0) {
    throw new RangeError('an equal error rate needs genuine and impostor scores');
  }
  if (![...genuine, ...impostor].every(Number.isFinite)) {
    throw new RangeError('scores must be finite');
  }
  const g = [...genuine].sort((a, b) => a - b);
  const im = [...impostor].sort((a, b) => a - b);
  const thresholds = [...new Set([...g, ...im])].sort((a, b) => a - b);
  const highest = thresholds[thresholds.length - 1] as number;
  thresholds.push(highest + Math.max(1, Math.abs(highest))); // rejects everything, even at 1e20
  let gi = 0; // genuine scores below the threshold
  let ii = 0; // impostor scores below the threshold
  // At the lowest threshold everything is accepted: FAR = 1 > FRR = 0, so a crossing has a
  // point before it.
  let previous = { t: thresholds[0] as number, far: 1, frr: 0 };
  for (const t of thresholds) {
    while (gi < g.length && (g[gi] as number) < t) {
      gi += 1;
    }
    while (ii < im.length && (im[ii] as number) < t) {
      ii += 1;
    }
    const point = { t, far: (im.length - ii) / im.length, frr: gi / g.length };
    if (point.far <= point.frr) {
      const before = previous.far - previous.frr; // > 0
      const after = point.far - point.frr; // ≤ 0
      const a = before / (before - after);
      return {
        eer: previous.far + a * (point.far - previous.far),
        threshold: previous.t + a * (t - previous.t),
      };
    }
    previous = point;
  }
  throw new Error('unreachable: FAR reaches 0 above the highest score');
}
