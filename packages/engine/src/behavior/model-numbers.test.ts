// The model's numbers, checked two independent ways:
// 1. By hand: small fixed inputs whose standardised data, shrinkage, precision and distances are
//    derived exactly in the comments (fractions and surds), then compared with the engine.
// 2. Against a second, deliberately naive implementation at the bottom of this file: plain loops,
//    every quantity from its definition rather than the engine's shortcuts — the sample covariance
//    entry by entry; LW's d² = ‖S − μI‖² and b̄² = n⁻² Σₖ ‖xₖxₖᵀ − S‖² as the sums they are
//    defined as (the engine uses ‖S‖² − pμ² and Σₖ‖xₖ‖⁴ − n‖S‖²); the precision by Gauss–Jordan
//    elimination (the engine: eigen-decomposition); D as the explicit double sum.
import { describe, expect, it } from 'vitest';
import { legitimateSessions } from '../testing/behavior-fixtures.ts';
import { NOW } from '../testing/fixtures.ts';
import { fitBaseline } from './fit-baseline.ts';
import { ledoitWolf } from './ledoit-wolf.ts';
import { scoreSession } from './score-session.ts';
import { symmetricPseudoInverse } from './symmetric-pseudo-inverse.ts';

const SQRT2 = Math.SQRT2;

// Hand example H: p = 3, n = 4, names chosen so the texts read naturally.
//   a = inter_key_delay_mean [0, 0, 2, 2]: mean 1, population sd 1   → z_a = [−1, −1, 1, 1]
//   b = words_per_minute     [−2, 0, 0, 2]: mean 0, population sd √2  → z_b = [−√2, 0, 0, √2]
//   c = is_new_device        [7, 7, 7, 7]: constant, scale 1          → z_c = 0
// S = ZᵀZ/n: S_aa = S_bb = 1, S_ab = (√2 + √2)/4 = √2/2, S_cc = 0.  tr S = 2, μ = 2/3.
// ‖S‖²_F = 1 + 1 + 2·(1/2) = 3;  d² = (‖S‖² − pμ²)/p = (3 − 4/3)/3 = 5/9.
// Rows zₖ: (−1, −√2, 0), (−1, 0, 0), (1, 0, 0), (1, √2, 0); ‖zₖ‖² = 3, 1, 1, 3; Σ‖zₖ‖⁴ = 20.
// b̄² = (Σ‖zₖ‖⁴/n − ‖S‖²)/(n·p) = (5 − 3)/12 = 1/6 < d², so δ = (1/6)/(5/9) = 3/10.
// Σ* = 0.7·S + 0.3·μ·I = 0.7·S + 0.2·I = [[9/10, 7√2/20, 0], [7√2/20, 9/10, 0], [0, 0, 1/5]].
// 2×2 block: det = 81/100 − 98/400 = 113/200; inverse = (200/113)·[[9/10, −7√2/20], …]
//   → P = [[180/113, −70√2/113, 0], [−70√2/113, 180/113, 0], [0, 0, 5]].
// Training D²: rows 1, 4 (z_a·z_b = √2): (180 + 360 − 2·70·2)/113 = 260/113; rows 2, 3: 180/113.
// Mean D = (√(260/113) + √(180/113))/2;  λ = −ln 0.9 / mean D.
const H_ROWS = [
  [0, -2, 7],
  [0, 0, 7],
  [2, 0, 7],
  [2, 2, 7],
];
const H_SCHEMA = {
  version: 'test/1',
  features: ['inter_key_delay_mean', 'words_per_minute', 'is_new_device'],
};
const H_MEAN_D = (Math.sqrt(260 / 113) + Math.sqrt(180 / 113)) / 2;
const H_P = [
  [180 / 113, (-70 * SQRT2) / 113, 0],
  [(-70 * SQRT2) / 113, 180 / 113, 0],
  [0, 0, 5],
];

const fitH = () => {
  const result = fitBaseline(H_ROWS, { fittedAt: NOW, schema: H_SCHEMA, minSessions: 4 });
  if (!result.ok) {
    throw new Error(JSON.stringify(result.issues));
  }
  return result.baseline;
};

function expectMatrixClose(
  actual: readonly (readonly number[])[],
  expected: number[][],
  tol = 1e-9,
) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((row, i) => {
    row.forEach((v, j) => {
      expect(Math.abs((actual[i]?.[j] as number) - v)).toBeLessThanOrEqual(
        tol * Math.max(1, Math.abs(v)),
      );
    });
  });
}

describe('hand example H (p = 3, n = 4, one constant feature)', () => {
  it('standardises with the population sd; the constant feature keeps its value and scale 1', () => {
    const b = fitH();
    expect(b.means).toEqual([1, 0, 7]);
    expect(b.scales[0]).toBe(1);
    expect(b.scales[1]).toBeCloseTo(SQRT2, 14);
    expect(b.scales[2]).toBe(1);
    expect(b.constant).toEqual([false, false, true]);
  });

  it('shrinks with δ = 3/10 toward μ = 2/3', () => {
    const z = H_ROWS.map((r) => [r[0]! - 1, r[1]! / SQRT2, 0]);
    const lw = ledoitWolf(z);
    expect(lw.target).toBeCloseTo(2 / 3, 14);
    expect(lw.shrinkage).toBeCloseTo(3 / 10, 14);
    expectMatrixClose(lw.sample, [
      [1, SQRT2 / 2, 0],
      [SQRT2 / 2, 1, 0],
      [0, 0, 0],
    ]);
    expectMatrixClose(lw.covariance, [
      [9 / 10, (7 * SQRT2) / 20, 0],
      [(7 * SQRT2) / 20, 9 / 10, 0],
      [0, 0, 1 / 5],
    ]);
  });

  it('has the precision, distances and λ derived above', () => {
    const b = fitH();
    expect(b.shrinkage).toBeCloseTo(0.3, 14);
    expect(b.shrinkageTarget).toBeCloseTo(2 / 3, 14);
    expectMatrixClose(b.precision, H_P);
    expect(b.meanTrainingDistance).toBeCloseTo(H_MEAN_D, 12);
    expect(b.lambda).toBeCloseTo(-Math.log(0.9) / H_MEAN_D, 12);
    const distances = H_ROWS.map((r) => scoreSession(b, r).distance);
    const expected = [260, 180, 180, 260].map((v) => Math.sqrt(v / 113));
    distances.forEach((d, i) => expect(d).toBeCloseTo(expected[i]!, 12));
  });

  it('calibrates λ so that a session at the mean training distance scores exactly 90', () => {
    const b = fitH();
    expect(Math.exp(-b.lambda * b.meanTrainingDistance)).toBeCloseTo(0.9, 14);
    const scores = H_ROWS.map((r) => scoreSession(b, r).score);
    // exp is convex: the mean training score is at least 90 (Jensen), here 90.03…
    const mean = scores.reduce((x, y) => x + y, 0) / scores.length;
    expect(mean).toBeGreaterThanOrEqual(90);
    expect(mean).toBeLessThan(90.1);
  });

  it('scores the mean vector 100 at distance 0', () => {
    const s = scoreSession(fitH(), [1, 0, 7]);
    expect(s).toMatchObject({ score: 100, distance: 0, topAnomalies: [] });
  });

  it('scores a change in the constant feature by its shrunk variance: D = √5', () => {
    // z = (0, 0, 1): D² = P_cc = 5.
    const b = fitH();
    const s = scoreSession(b, [1, 0, 8]);
    expect(s.distance).toBeCloseTo(Math.sqrt(5), 12);
    expect(s.score).toBeCloseTo(100 * Math.exp(-b.lambda * Math.sqrt(5)), 10);
    expect(s.topAnomalies).toEqual(['a new device, unlike usual (z = 1.0, never varied before)']);
  });

  it('scores a correlated deviation by the precision: z = (3, 0, 0) → D² = 9·180/113', () => {
    const s = scoreSession(fitH(), [4, 0, 7]);
    expect(s.distance).toBeCloseTo(Math.sqrt(1620 / 113), 12);
    expect(s.zScores.map((x) => x.z)).toEqual([3, 0, 0]);
  });
});

describe('hand example L (b̄² > d²: shrunk all the way to μI)', () => {
  // a = [0, 1, 2, 3], b = [3, 0, 1, 2]: both mean 1.5, variance 1.25; S_ab = (−2.25 + 0.75 − 0.25
  // + 0.75)/4/1.25 = −0.2. μ = 1, d² = 2·0.04/2 = 0.04. ‖zₖ‖² = 3.6, 2, 0.4, 2 → Σ‖zₖ‖⁴/n = 5.28,
  // ‖S‖² = 2.08, b̄² = (5.28 − 2.08)/8 = 0.4 > d² → b² = d², δ = 1, Σ* = I, P = I.
  it('gives δ = 1, covariance I, precision I', () => {
    const result = fitBaseline(
      [
        [0, 3],
        [1, 0],
        [2, 1],
        [3, 2],
      ],
      { fittedAt: NOW, schema: { version: 't', features: ['a', 'b'] }, minSessions: 4 },
    );
    expect(result.ok).toBe(true);
    expect(result.baseline?.shrinkage).toBeCloseTo(1, 14);
    expectMatrixClose(result.baseline!.precision, [
      [1, 0],
      [0, 1],
    ]);
  });

  it('gives δ = 0 when S already is μI (d² = 0)', () => {
    // z_a = [1, −1, 1, −1], z_b = [1, 1, −1, −1]: S = I exactly.
    const lw = ledoitWolf([
      [1, 1],
      [-1, 1],
      [1, -1],
      [-1, -1],
    ]);
    expect(lw).toMatchObject({ shrinkage: 0, target: 1 });
    expectMatrixClose(lw.covariance, [
      [1, 0],
      [0, 1],
    ]);
  });
});

describe('symmetric pseudo-inverse', () => {
  it('inverts a positive definite matrix', () => {
    // [[2, 1], [1, 2]]⁻¹ = (1/3)·[[2, −1], [−1, 2]].
    expectMatrixClose(
      symmetricPseudoInverse([
        [2, 1],
        [1, 2],
      ]),
      [
        [2 / 3, -1 / 3],
        [-1 / 3, 2 / 3],
      ],
    );
  });

  it.each([
    // A = 2·uuᵀ with u = (1, 1)/√2 → A⁺ = ½·uuᵀ.
    [
      'rank one',
      [
        [1, 1],
        [1, 1],
      ],
      [
        [0.25, 0.25],
        [0.25, 0.25],
      ],
    ],
    [
      'a zero eigenvalue on the diagonal',
      [
        [2, 0],
        [0, 0],
      ],
      [
        [0.5, 0],
        [0, 0],
      ],
    ],
    [
      'the zero matrix',
      [
        [0, 0],
        [0, 0],
      ],
      [
        [0, 0],
        [0, 0],
      ],
    ],
  ])('pseudo-inverts a singular matrix (%s) by hand', (_label, a, expected) => {
    expectMatrixClose(symmetricPseudoInverse(a), expected);
  });

  it('meets the Moore–Penrose conditions on a rank-deficient 5×5 (AA⁺A = A, A⁺AA⁺ = A⁺)', () => {
    // A = XᵀX from 3 rows: rank ≤ 3 < 5.
    const x = [
      [1, 2, 0, -1, 3],
      [0, 1, 1, 2, -1],
      [2, -1, 3, 0, 1],
    ];
    const a = multiply(transpose(x), x);
    const pinv = symmetricPseudoInverse(a);
    expectMatrixClose(multiply(multiply(a, pinv), a), a, 1e-9);
    expectMatrixClose(multiply(multiply(pinv, a), pinv), pinv, 1e-9);
    expectMatrixClose(pinv, transpose(pinv), 0);
  });
});

describe('against the naive implementation', () => {
  // n < p with constant features; n ≈ p; n ≫ p. SHIELD-like sessions (seven constant features).
  const deterministic = (n: number, p: number) =>
    Array.from({ length: n }, (_, k) =>
      Array.from({ length: p }, (_, j) =>
        j === 2 ? 4 : Math.sin(k * 1.7 + j * j * 0.9) * (j + 1),
      ),
    );
  it.each([
    ['p = 6, n = 4 (n < p), one constant', deterministic(4, 6)],
    ['p = 8, n = 9', deterministic(9, 8)],
    ['SHIELD p = 55, n = 12 (n < p, 7 constant)', legitimateSessions(12, 7)],
    ['SHIELD p = 55, n = 200', legitimateSessions(200, 8)],
  ])('%s: same shrinkage, covariance, precision, distances, λ', (_label, rows) => {
    const p = rows[0]!.length;
    const schema = { version: 't', features: Array.from({ length: p }, (_, j) => `f${j}`) };
    const fit = fitBaseline(rows, { fittedAt: NOW, schema, minSessions: 2 });
    expect(fit.ok).toBe(true);
    const b = fit.baseline!;
    const naive = naiveFit(rows);
    expectMatrixClose([b.means], [naive.means]);
    expectMatrixClose([b.scales], [naive.scales]);
    const lw = ledoitWolf(naive.z);
    expect(lw.shrinkage).toBeGreaterThan(0);
    expect(lw.shrinkage).toBeCloseTo(naive.shrinkage, 10);
    expect(b.shrinkage).toBeCloseTo(naive.shrinkage, 10);
    expect(b.shrinkageTarget).toBeCloseTo(naive.mu, 10);
    expectMatrixClose(lw.covariance, naive.covariance);
    expectMatrixClose(b.precision, naive.precision, 1e-7);
    expect(b.meanTrainingDistance).toBeCloseTo(naive.meanDistance, 8);
    expect(b.lambda).toBeCloseTo(naive.lambda, 8);
    rows.slice(0, 5).forEach((row, k) => {
      const s = scoreSession(b, row);
      expect(s.distance).toBeCloseTo(naive.distances[k]!, 8);
      expect(s.score).toBeCloseTo(100 * Math.exp(-naive.lambda * naive.distances[k]!), 8);
    });
    expect(Math.exp(-b.lambda * b.meanTrainingDistance)).toBeCloseTo(0.9, 14);
  });
});

// ——— The naive implementation ———

interface NaiveFit {
  readonly means: number[];
  readonly scales: number[];
  readonly z: number[][];
  readonly mu: number;
  readonly shrinkage: number;
  readonly covariance: number[][];
  readonly precision: number[][];
  readonly distances: number[];
  readonly meanDistance: number;
  readonly lambda: number;
}

function naiveFit(rows: readonly (readonly number[])[]): NaiveFit {
  const n = rows.length;
  const p = rows[0]!.length;
  const means: number[] = [];
  const scales: number[] = [];
  for (let j = 0; j < p; j += 1) {
    const values = rows.map((r) => r[j]!);
    if (Math.max(...values) === Math.min(...values)) {
      means.push(values[0]!);
      scales.push(1);
      continue;
    }
    const mean = values.reduce((a, b) => a + b, 0) / n;
    means.push(mean);
    scales.push(Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / n));
  }
  const z = rows.map((r) => r.map((v, j) => (v - means[j]!) / scales[j]!));
  const sample = square(p, (i, j) => z.reduce((a, zk) => a + zk[i]! * zk[j]!, 0) / n);
  const mu = sample.reduce((a, row, i) => a + row[i]!, 0) / p;
  let d2 = 0;
  for (let i = 0; i < p; i += 1) {
    for (let j = 0; j < p; j += 1) {
      d2 += (sample[i]![j]! - (i === j ? mu : 0)) ** 2;
    }
  }
  d2 /= p;
  let bBar2 = 0;
  for (const zk of z) {
    for (let i = 0; i < p; i += 1) {
      for (let j = 0; j < p; j += 1) {
        bBar2 += (zk[i]! * zk[j]! - sample[i]![j]!) ** 2;
      }
    }
  }
  bBar2 /= n * n * p;
  const shrinkage = d2 === 0 ? 0 : Math.min(bBar2, d2) / d2;
  const covariance = square(
    p,
    (i, j) => (1 - shrinkage) * sample[i]![j]! + (i === j ? shrinkage * mu : 0),
  );
  const precision = gaussJordanInverse(covariance);
  const distances = z.map((zk) => {
    let sum = 0;
    zk.forEach((zi, i) => zk.forEach((zj, j) => (sum += zi * precision[i]![j]! * zj)));
    return Math.sqrt(sum);
  });
  const meanDistance = distances.reduce((a, b) => a + b, 0) / n;
  return {
    means,
    scales,
    z,
    mu,
    shrinkage,
    covariance,
    precision,
    distances,
    meanDistance,
    lambda: -Math.log(0.9) / meanDistance,
  };
}

/** Inverse by Gauss–Jordan elimination with partial pivoting; throws if singular. */
function gaussJordanInverse(a: readonly (readonly number[])[]): number[][] {
  const p = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: p }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < p; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < p; r += 1) {
      if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) {
        pivot = r;
      }
    }
    if (Math.abs(m[pivot]![c]!) < 1e-12) {
      throw new Error('singular matrix');
    }
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const lead = m[c]![c]!;
    const pivotRow = m[c]!.map((v) => v / lead);
    m[c] = pivotRow;
    for (let r = 0; r < p; r += 1) {
      if (r !== c) {
        const factor = m[r]![c]!;
        m[r] = m[r]!.map((v, k) => v - factor * pivotRow[k]!);
      }
    }
  }
  return m.map((row) => row.slice(p));
}

function square(p: number, entry: (i: number, j: number) => number): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => entry(i, j)));
}

function transpose(a: readonly (readonly number[])[]): number[][] {
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}

function multiply(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}
