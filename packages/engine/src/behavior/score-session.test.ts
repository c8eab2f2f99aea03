import { describe, expect, it } from 'vitest';
import { NOW } from '../testing/fixtures.ts';
import { BEHAVIOR_FEATURE_NAMES } from './feature-schema.ts';
import { describeAnomaly } from './feature-phrases.ts';
import { fitBaseline } from './fit-baseline.ts';
import { scoreSession } from './score-session.ts';

// Three features, four sessions, chosen so the population sds are round: a = [0, 2, 0, 2]
// (mean 1, sd 1), b = [10, 10, 30, 30] (mean 20, sd 10), c = [1, 1, 1, 1] (constant, scale 1).
// z = (x − mean) / scale, by hand in the table below.
const fit = () => {
  const result = fitBaseline(
    [
      [0, 10, 1],
      [2, 10, 1],
      [0, 30, 1],
      [2, 30, 1],
    ],
    {
      fittedAt: NOW,
      schema: {
        version: 't',
        features: ['inter_key_delay_mean', 'swipe_velocity_mean', 'is_new_device'],
      },
      minSessions: 4,
    },
  );
  if (!result.ok) {
    throw new Error(JSON.stringify(result.issues));
  }
  return result.baseline;
};

describe('scoreSession', () => {
  it.each([
    [[1, 20, 1], [0, 0, 0], []],
    [[3.5, 20, 1], [2.5, 0, 0], []], // exactly 2.5 is not above 2.5
    [[4, 20, 1], [3, 0, 0], ['typing much slower than usual (z = 3.0)']],
    [[-2.4, 20, 1], [-3.4, 0, 0], ['typing much faster than usual (z = -3.4)']],
    [
      [4, 60, 1],
      [3, 4, 0],
      ['swiping much faster than usual (z = 4.0)', 'typing much slower than usual (z = 3.0)'],
    ],
    [[1, 20, 2], [0, 0, 1], ['a new device, unlike usual (z = 1.0, never varied before)']],
  ])('%j → z %j, anomalies %j', (vector, z, anomalies) => {
    const s = scoreSession(fit(), vector);
    expect(s.zScores).toEqual([
      { name: 'inter_key_delay_mean', z: z[0] },
      { name: 'swipe_velocity_mean', z: z[1] },
      { name: 'is_new_device', z: z[2] },
    ]);
    expect(s.topAnomalies).toEqual(anomalies);
  });

  it('ranks by |z| and keeps at most maxAnomalies; the threshold is an option', () => {
    const s = scoreSession(fit(), [5, 80, 1], { maxAnomalies: 1 });
    expect(s.topAnomalies).toEqual(['swiping much faster than usual (z = 6.0)']);
    expect(scoreSession(fit(), [3, 20, 1], { flagAboveZ: 1.5 }).topAnomalies).toEqual([
      'typing much slower than usual (z = 2.0)',
    ]);
  });

  it('scores 100 at the mean and less the further away, never below 0', () => {
    const b = fit();
    const scores = [1, 2, 4, 10, 1000].map((a) => scoreSession(b, [a, 20, 1]).score);
    expect(scores[0]).toBe(100);
    scores.slice(1).forEach((s, i) => expect(s).toBeLessThan(scores[i]!));
    expect(scores[4]).toBeGreaterThanOrEqual(0);
  });

  it('throws (a bug) on a vector of the wrong length', () => {
    expect(() => scoreSession(fit(), [1, 2])).toThrow(RangeError);
  });
});

describe('describeAnomaly', () => {
  it.each(BEHAVIOR_FEATURE_NAMES.map((n) => [n]))('has its own words for %s', (name) => {
    for (const z of [3, -3]) {
      expect(describeAnomaly(name, z)).not.toContain(name);
    }
    expect(describeAnomaly(name, 3)).not.toBe(describeAnomaly(name, -3));
  });

  it('falls back to the name for features outside SHIELD’s schema', () => {
    expect(describeAnomaly('col_7', 3.04)).toBe('col_7 much higher than usual (z = 3.0)');
    expect(describeAnomaly('col_7', -2.96)).toBe('col_7 much lower than usual (z = -3.0)');
  });
});
