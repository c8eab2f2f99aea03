import { describe, expect, it } from 'vitest';
import { legitimateSessions } from '../testing/behavior-fixtures.ts';
import { NOW } from '../testing/fixtures.ts';
import { BEHAVIOR_FEATURE_NAMES } from './feature-schema.ts';
import { fitBaseline, MIN_BASELINE_SESSIONS } from './fit-baseline.ts';
import { scoreSession } from './score-session.ts';

describe('fitBaseline', () => {
  it('fits SHIELD’s 55 features from 10 sessions, as plain versioned data', () => {
    const result = fitBaseline(legitimateSessions(10), { fittedAt: NOW });
    expect(result.ok).toBe(true);
    const b = result.baseline!;
    expect(b).toMatchObject({ schemaVersion: 'sentinel-55/1', version: 0, n: 10, fittedAt: NOW });
    expect(b.features).toEqual(BEHAVIOR_FEATURE_NAMES);
    expect(b.precision).toHaveLength(55);
    expect(b.precision.every((row) => row.length === 55)).toBe(true);
    // The seven features SHIELD's legitimate profile holds constant.
    expect(b.constant.filter(Boolean)).toHaveLength(7);
    // Plain data: survives structured cloning unchanged, and JSON apart from the Date.
    expect(structuredClone(b)).toEqual(b);
    expect(JSON.parse(JSON.stringify({ ...b, fittedAt: null }))).toEqual({ ...b, fittedAt: null });
  });

  it('is symmetric in its precision and deterministic', () => {
    const a = fitBaseline(legitimateSessions(30, 4), { fittedAt: NOW }).baseline!;
    const b = fitBaseline(legitimateSessions(30, 4), { fittedAt: NOW }).baseline!;
    expect(a).toEqual(b);
    a.precision.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(a.precision[j]![i])));
  });

  it('puts a typical legitimate session near 90 and unseen legitimate sessions well above 70', () => {
    const b = fitBaseline(legitimateSessions(20, 2), { fittedAt: NOW }).baseline!;
    const training = legitimateSessions(20, 2).map((s) => scoreSession(b, s).score);
    const mean = training.reduce((x, y) => x + y, 0) / training.length;
    expect(mean).toBeGreaterThanOrEqual(90); // Jensen: mean of exp(−λD) ≥ exp(−λ·mean D) = 0.9
    expect(mean).toBeLessThan(91);
    const unseen = legitimateSessions(200, 99).map((s) => scoreSession(b, s).score);
    expect(Math.min(...unseen)).toBeGreaterThan(70);
  });

  it.each([
    [
      'too few sessions',
      legitimateSessions(MIN_BASELINE_SESSIONS - 1),
      [{ code: 'BEHAVIOR.TOO_FEW_SESSIONS', message: '9 sessions; at least 10 are needed' }],
    ],
    [
      'a session of the wrong length',
      [...legitimateSessions(10), [1, 2, 3]],
      [
        {
          code: 'BEHAVIOR.WRONG_LENGTH',
          session: 10,
          message: '3 values; the schema has 55 features',
        },
      ],
    ],
    [
      'a non-finite value',
      legitimateSessions(10).map((s, i) =>
        i === 4 ? s.map((v, j) => (j === 3 ? Number.NaN : v)) : s,
      ),
      [{ code: 'BEHAVIOR.NON_FINITE', session: 4, message: 'values must be finite' }],
    ],
    [
      'sessions that are all the same',
      Array.from({ length: 10 }, () => legitimateSessions(1)[0]!),
      [
        {
          code: 'BEHAVIOR.DEGENERATE',
          message: 'the training sessions do not vary: no distance scale can be learned',
        },
      ],
    ],
  ])('reports %s', (_label, sessions, issues) => {
    expect(fitBaseline(sessions, { fittedAt: NOW })).toEqual({ ok: false, issues });
  });

  it('takes another minimum (never below 2) and another schema', () => {
    const schema = { version: 'csv:demo', features: ['x', 'y'] };
    const rows = [
      [1, 2],
      [2, 1],
      [3, 5],
    ];
    expect(fitBaseline(rows, { fittedAt: NOW, schema, minSessions: 3 }).baseline).toMatchObject({
      schemaVersion: 'csv:demo',
      features: ['x', 'y'],
      n: 3,
    });
    expect(fitBaseline(rows.slice(0, 1), { fittedAt: NOW, schema, minSessions: 0 }).issues).toEqual(
      [{ code: 'BEHAVIOR.TOO_FEW_SESSIONS', message: '1 sessions; at least 2 are needed' }],
    );
  });
});
