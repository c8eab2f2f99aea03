import { describe, expect, it } from 'vitest';
import { loadShieldReference } from '../../testing/shield-files.ts';
import { BEHAVIOR_FEATURE_NAMES } from '../feature-schema.ts';
import { drawFeature, drawSession } from './draw-session.ts';
import { seededRandom } from './seeded-random.ts';

const reference = loadShieldReference();
const at = (name: string) => BEHAVIOR_FEATURE_NAMES.indexOf(name);
const normal = (mean: number, std: number) => ({ dist: 'normal', params: { mean, std } }) as const;
const many = (draw: () => number, n = 20_000) => Array.from({ length: n }, draw);
const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

describe('drawFeature (SHIELD’s generation rule)', () => {
  it('returns a constant as is and picks uniformly among choices', () => {
    const random = seededRandom(1);
    expect(
      drawFeature(
        'direct_to_transfer',
        { dist: 'constant', params: { value: 0.15 } },
        0.08,
        random,
      ),
    ).toBe(0.15);
    const hours = many(() =>
      drawFeature('time_of_day_hour', { dist: 'choice', params: { values: [2, 3] } }, 0.08, random),
    );
    expect(new Set(hours)).toEqual(new Set([2, 3]));
    expect(mean(hours)).toBeCloseTo(2.5, 1);
  });

  it('draws N(mean, std) and jitters by at most ±w', () => {
    const random = seededRandom(2);
    const plain = many(() => drawFeature('swipe_velocity_mean', normal(450, 30), 0, random));
    expect(mean(plain)).toBeCloseTo(450, 0);
    // The jitter multiplies by U(0.92, 1.08): a constant-like N(100, 0) lands in [92, 108).
    const jittered = many(() => drawFeature('swipe_velocity_mean', normal(100, 0), 0.08, random));
    expect(Math.min(...jittered)).toBeGreaterThanOrEqual(92);
    expect(Math.max(...jittered)).toBeLessThan(108);
    expect(mean(jittered)).toBeCloseTo(100, 0);
  });

  it('clamps non-negative features at 0 but keeps the sign of a z-score (unless asked not to)', () => {
    const random = seededRandom(3);
    const rate = many(() => drawFeature('error_rate', normal(-1, 0.1), 0, random));
    expect(Math.min(...rate)).toBe(0);
    const z = many(() => drawFeature('session_duration_z_score', normal(-2.4, 0.3), 0, random));
    expect(mean(z)).toBeCloseTo(-2.4, 1);
    const upstream = many(() =>
      drawFeature('session_duration_z_score', normal(-2.4, 0.3), 0, random, {
        upstreamClamp: true,
      }),
    );
    expect(Math.max(...upstream)).toBe(0); // upstream's bug: scenario 4's signal becomes 0
  });
});

describe('drawSession', () => {
  it('draws a legitimate session: 55 values, constants exact, near the profile means', () => {
    const random = seededRandom(4);
    const sessions = Array.from({ length: 2000 }, () => drawSession(reference.legitimate, random));
    expect(sessions.every((s) => s.length === 55)).toBe(true);
    expect(new Set(sessions.map((s) => s[at('is_known_fingerprint')]))).toEqual(new Set([1]));
    // N(180, 15) × U(0.92, 1.08): standard error ≈ 0.38 over 2,000 sessions; allow 4.
    expect(Math.abs(mean(sessions.map((s) => s[at('inter_key_delay_mean')]!)) - 180)).toBeLessThan(
      1.5,
    );
    expect(mean(sessions.map((s) => s[at('session_duration_z_score')]!))).toBeCloseTo(0, 1);
  });

  it('draws the attack’s own values and keeps SHIELD’s marker in scenario 1', () => {
    const session = drawSession(reference.attacks.scenario_1, seededRandom(5));
    expect(session[at('is_new_device')]).toBe(1);
    expect(session[at('time_since_last_seen_hours')]).toBeGreaterThan(9990);
    expect([2, 3]).toContain(session[at('time_of_day_hour')]);
  });

  it('is a function of the generator’s state: same seed, same session', () => {
    const a = drawSession(reference.attacks.scenario_4, seededRandom(6));
    expect(drawSession(reference.attacks.scenario_4, seededRandom(6))).toEqual(a);
    expect(drawSession(reference.attacks.scenario_4, seededRandom(7))).not.toEqual(a);
  });

  it('refuses the pre-auth probe, which has no session', () => {
    expect(() => drawSession(reference.attacks.scenario_6, seededRandom(1))).toThrow(
      'scenario_6 is a pre-auth profile: it has no behaviour session',
    );
  });
});
