import { describe, expect, it } from 'vitest';
import type { AssessmentContext } from '../rule.ts';
import {
  aBaseline,
  aHandBaseline,
  asFeatureMap,
  meanSnapshot,
  snapshotScoring,
} from '../testing/behavior-fixtures.ts';
import {
  aContext,
  aSignal,
  defaultParams,
  hoursAgo,
  minutesAgo,
  ruleOf,
} from '../testing/fixtures.ts';
import { behaviorAnomaly } from './behavior-anomaly.ts';

const rule = ruleOf(behaviorAnomaly);
const HAND = aHandBaseline();
const withBehavior = (
  features: Record<string, number> | undefined,
  baseline = HAND,
  swapAt: Date | null = null,
): AssessmentContext =>
  aContext({
    payment: { behavior: features === undefined ? undefined : { features } },
    behavior: { baseline },
    signal: aSignal({ lastSwapAt: swapAt }),
  });
const inspect = (ctx: AssessmentContext) => rule.inspect!(ctx);

describe('behaviorAnomaly', () => {
  it.each([
    ['no snapshot', withBehavior(undefined)],
    [
      'no baseline in the context',
      aContext({ payment: { behavior: { features: snapshotScoring(20) } } }),
    ],
    [
      'a user not enrolled',
      aContext({
        payment: { behavior: { features: snapshotScoring(20) } },
        behavior: { baseline: null },
      }),
    ],
    [
      'a baseline of another feature schema',
      withBehavior(snapshotScoring(20), { ...HAND, schemaVersion: 'sentinel-55/0' }),
    ],
  ])('is silent with %s, and reports no signal', (_label, ctx) => {
    expect(inspect(ctx)).toEqual({ hit: null });
    expect(rule.evaluate(ctx)).toBeNull();
  });

  it('reports the signal of a session like the user’s, without a hit', () => {
    const result = inspect(withBehavior(snapshotScoring(100)));
    expect(result.hit).toBeNull();
    expect(result.behavior).toMatchObject({
      score: 100,
      distance: 0,
      baselineVersion: 7,
      topAnomalies: [],
      fusedScore: 100,
      shieldLevel: 'LOW',
      simSwapActive: false,
      imputed: [],
    });
    expect(result.behavior?.zScores).toHaveLength(55);
    expect(result.behavior?.zScores[8]).toEqual({ name: 'inter_key_delay_mean', z: 0 });
  });

  // Confidence (SHIELD: high = like the user) → Sentinel weight / critical / freeze.
  it.each([
    ['no swap', 80, null, null],
    ['no swap', 60, null, { weight: 40, critical: false, freeze: false, shieldLevel: 'MEDIUM' }],
    ['no swap', 40, null, { weight: 70, critical: true, freeze: false, shieldLevel: 'HIGH' }],
    ['no swap', 20, null, { weight: 100, critical: true, freeze: true, shieldLevel: 'CRITICAL' }],
    [
      'swap 5 min ago',
      80,
      minutesAgo(5),
      { weight: 40, critical: false, freeze: false, shieldLevel: 'MEDIUM' },
    ],
    [
      'swap 5 min ago',
      60,
      minutesAgo(5),
      { weight: 70, critical: true, freeze: false, shieldLevel: 'HIGH' },
    ],
    [
      'swap 5 min ago',
      44,
      minutesAgo(5),
      { weight: 100, critical: true, freeze: true, shieldLevel: 'CRITICAL' },
    ],
    [
      'swap 71 h ago',
      60,
      hoursAgo(71),
      { weight: 70, critical: true, freeze: false, shieldLevel: 'HIGH' },
    ],
    ['swap 72 h ago (no longer active)', 80, hoursAgo(72), null],
  ] as const)('%s, confidence %i → %j', (_label, confidence, swapAt, expected) => {
    const hit = rule.evaluate(withBehavior(snapshotScoring(confidence), HAND, swapAt));
    if (expected === null) {
      expect(hit).toBeNull();
      return;
    }
    const { shieldLevel, ...flags } = expected;
    expect(hit).toMatchObject({ code: 'BEHAVIOR_ANOMALY', ...flags, evidence: { shieldLevel } });
  });

  it('explains itself with the confidence, the fused confidence and the top anomaly', () => {
    const result = inspect(withBehavior(snapshotScoring(60), HAND, minutesAgo(5)));
    expect(result.hit?.message).toBe(
      "Behaviour unlike this user's (confidence 60/100, 36 with the SIM swap): typing much slower than usual (z = 4.8)",
    );
    expect(result.hit?.evidence).toEqual({
      behaviorScore: 60,
      fusedScore: 36,
      shieldLevel: 'HIGH',
      simSwapActive: true,
      distance: 4.848,
      flaggedFeatures: 1,
      imputedFeatures: 0,
    });
    expect(result.behavior).toMatchObject({ score: 60, fusedScore: 36, simSwapActive: true });
  });

  it('imputes up to five missing features with the baseline mean, and says which', () => {
    const features = snapshotScoring(60);
    delete features['mouse_speed_cv'];
    delete features['scroll_wheel_event_count'];
    const result = inspect(withBehavior(features));
    expect(result.behavior?.imputed).toEqual(['mouse_speed_cv', 'scroll_wheel_event_count']);
    expect(result.behavior?.score).toBe(60);
    expect(result.hit?.evidence['imputedFeatures']).toBe(2);
  });

  it('steps up on a snapshot it cannot score, and says why without values', () => {
    const features: Record<string, number> = { ...snapshotScoring(100), typing_speed: 3 };
    for (const name of [
      'error_rate',
      'mouse_speed_cv',
      'gyro_x_std',
      'gyro_y_std',
      'gyro_z_std',
      'accel_x_std',
    ]) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a partial snapshot
      delete features[name];
    }
    features['words_per_minute'] = Number.NaN;
    expect(inspect(withBehavior(features))).toEqual({
      hit: {
        code: 'BEHAVIOR_SNAPSHOT_INVALID',
        message: 'The behaviour snapshot could not be scored',
        weight: 40,
        evidence: { unknownFeatures: 1, missingFeatures: 6, nonFiniteFeatures: 1 },
      },
    });
  });

  it('scores against a fitted baseline: the user’s mean session is 100, a stranger’s is not', () => {
    const baseline = aBaseline();
    expect(inspect(withBehavior(meanSnapshot(baseline), baseline)).behavior?.score).toBe(100);
    // SHIELD scenario 3 (bot) typing: fast, regular, short holds.
    const bot = {
      ...meanSnapshot(baseline),
      inter_key_delay_mean: 42,
      inter_key_delay_p95: 45,
      dwell_time_mean: 20,
      words_per_minute: 95,
    };
    const result = inspect(withBehavior(bot, baseline));
    expect(result.behavior!.score).toBeLessThan(70);
    expect(result.behavior!.topAnomalies[0]).toMatch(
      /^typing much more words per minute than usual/,
    );
    expect(asFeatureMap(baseline.means)).toEqual(meanSnapshot(baseline));
  });

  it.each([
    [
      'freeze without critical',
      {
        bands: [
          {
            confidenceBelow: 30,
            shieldLevel: 'CRITICAL',
            weight: 100,
            critical: false,
            freeze: true,
          },
        ],
      },
      ['bands', 0, 'freeze'],
    ],
    [
      'unordered bands',
      {
        bands: [
          { confidenceBelow: 45, shieldLevel: 'HIGH', weight: 70, critical: true, freeze: false },
          {
            confidenceBelow: 30,
            shieldLevel: 'CRITICAL',
            weight: 100,
            critical: true,
            freeze: true,
          },
        ],
      },
      ['bands', 1, 'confidenceBelow'],
    ],
    [
      'a multiplier above 1',
      {
        whenSwapActive: {
          lowConfidenceBelow: 45,
          lowConfidenceCap: 25,
          lowConfidence: { weight: 100, critical: true, freeze: true },
          multiplier: 1.5,
        },
      },
      ['whenSwapActive', 'multiplier'],
    ],
    [
      'a confidence above 100',
      {
        swapActiveWithinHours: 72,
        flagAboveZ: 2.5,
        bands: [
          {
            confidenceBelow: 101,
            shieldLevel: 'MEDIUM',
            weight: 1,
            critical: false,
            freeze: false,
          },
        ],
      },
      ['bands', 0, 'confidenceBelow'],
    ],
  ])('rejects %s', (_label, change, path) => {
    const result = behaviorAnomaly.params.safeParse({
      ...defaultParams(behaviorAnomaly),
      ...change,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
