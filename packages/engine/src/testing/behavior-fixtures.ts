// Behavioural test data (not exported from the package): seeded sessions around SHIELD's
// legitimate profile (reference/shield/legitimate.json: means and standard deviations; the seven
// constant features are constant here too; time of day is drawn from its five hours).
import type { BehaviorBaseline } from '../behavior/behavior-baseline.ts';
import { BEHAVIOR_FEATURE_NAMES } from '../behavior/feature-schema.ts';
import { fitBaseline } from '../behavior/fit-baseline.ts';
import { seededRandom, standardNormal } from '../behavior/scenarios/seeded-random.ts';
import { NOW } from './fixtures.ts';

// prettier-ignore
const LEGITIMATE: readonly (readonly [mean: number, std: number])[] = [
  [0.55, 0.06], [0.08, 0.02], [450, 30], [60, 10], [0.12, 0.03], [0.22, 0.04], [145, 15], [30, 8],
  [180, 15], [25, 5], [280, 20], [95, 8], [12, 3], [0.04, 0.01], [2.1, 0.5], [4, 1], [3200, 400],
  [38, 4],
  [0.18, 0.03], [0.21, 0.04], [0.15, 0.03], [0.08, 0.02], [0.09, 0.02], [0.07, 0.02], [72, 5],
  [0.82, 0.05],
  [6, 1], [4, 1], [1.2, 0.5], [45000, 8000], [28000, 5000], [0.15, 0], [0.12, 0.04], [0.8, 0.4],
  [0.08, 0.02],
  [240000, 30000], [0, 1], [14, 0], [8500, 2000], [380, 40], [95, 20], [42000, 6000], [1, 0.12],
  [0, 0], [0.05, 0.01], [0, 0], [0, 0],
  [1, 0], [8, 2], [0, 0], [1, 0], [18, 6],
  [0.05, 0.02], [0.08, 0.03], [0.2, 0.1],
];
const HOURS = [9, 10, 18, 19, 20];
const TIME_OF_DAY = BEHAVIOR_FEATURE_NAMES.indexOf('time_of_day_hour');

// The engine's one seeded generator (engine code may not use Math.random), for the fixtures too.
export { seededRandom };

/** `n` legitimate sessions (55 values each, schema order), reproducible from `seed`. */
export function legitimateSessions(n: number, seed = 1): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () =>
    LEGITIMATE.map(([mean, std], i) =>
      i === TIME_OF_DAY
        ? (HOURS[Math.floor(random() * HOURS.length)] as number)
        : Math.max(0, mean + std * standardNormal(random)),
    ),
  );
}

/** A vector as the `{name: number}` map a payment carries. */
export function asFeatureMap(vector: readonly number[]): Record<string, number> {
  return Object.fromEntries(BEHAVIOR_FEATURE_NAMES.map((name, i) => [name, vector[i] as number]));
}

/** A baseline fitted from `n` legitimate sessions (fails the test on a fitting problem). */
export function aBaseline(n = 20, seed = 1): BehaviorBaseline {
  const fitted = fitBaseline(legitimateSessions(n, seed), { fittedAt: NOW });
  if (!fitted.ok) {
    throw new Error(`test baseline does not fit: ${JSON.stringify(fitted.issues)}`);
  }
  return { ...fitted.baseline, version: 3 };
}

/** The baseline's mean session as a feature map: scores 100. */
export function meanSnapshot(baseline: BehaviorBaseline): Record<string, number> {
  return asFeatureMap(baseline.means);
}

/** The mean session with some features replaced (by name). */
export function snapshotWith(
  baseline: BehaviorBaseline,
  changes: Readonly<Record<string, number>>,
): Record<string, number> {
  return { ...meanSnapshot(baseline), ...changes };
}

/**
 * A baseline made by hand rather than fitted: means 0, scales 1, identity precision, mean
 * training distance 1. A snapshot's distance is then its Euclidean norm, and its score
 * 100·0.9^D — see `snapshotScoring`.
 */
export function aHandBaseline(): BehaviorBaseline {
  const p = BEHAVIOR_FEATURE_NAMES.length;
  return {
    schemaVersion: 'sentinel-55/1',
    version: 7,
    features: BEHAVIOR_FEATURE_NAMES,
    n: 10,
    means: new Array<number>(p).fill(0),
    scales: new Array<number>(p).fill(1),
    constant: new Array<boolean>(p).fill(false),
    precision: Array.from({ length: p }, (_, i) =>
      Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)),
    ),
    shrinkage: 1,
    shrinkageTarget: 1,
    meanTrainingDistance: 1,
    lambda: -Math.log(0.9),
    fittedAt: NOW,
  };
}

/** A snapshot that `aHandBaseline` scores `confidence` (typing slower: one feature off). */
export function snapshotScoring(confidence: number): Record<string, number> {
  const distance = Math.log(confidence / 100) / Math.log(0.9);
  return { ...asFeatureMap(new Array<number>(55).fill(0)), inter_key_delay_mean: distance };
}
