import { BEHAVIOR_FEATURE_NAMES, BEHAVIOR_SCHEMA_VERSION } from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import {
  assessmentBehavior,
  behaviorSnapshot,
  computeBehaviorFeatures,
} from './behavior-features.ts';
import { botSession, humanSession, logOf } from './testing.ts';

const BROWSER = { localHour: 10, timeZone: 'Africa/Johannesburg', os: 'Android' };

describe('computeBehaviorFeatures', () => {
  it('returns exactly the engine’s 55 features, in the engine’s order, all finite', () => {
    const { log, end } = humanSession(1);
    const features = computeBehaviorFeatures(log, { end, browser: BROWSER });
    expect(Object.keys(features)).toEqual(BEHAVIOR_FEATURE_NAMES);
    expect(Object.keys(features)).toHaveLength(55);
    expect(Object.values(features).every(Number.isFinite)).toBe(true);
  });

  it('an empty session: its duration and hour, everything else 0 (docs/behavior-sdk.md)', () => {
    const features = computeBehaviorFeatures(logOf(500), { end: 2_500, browser: BROWSER });
    const { session_duration_ms, time_of_day_hour, ...rest } = features;
    expect(session_duration_ms).toBe(2_000);
    expect(time_of_day_hour).toBe(10);
    expect(Object.values(rest).every((v) => v === 0)).toBe(true);
  });

  it('a snapshot before anything started never has a negative duration', () => {
    const features = computeBehaviorFeatures(logOf(500), { end: 400, browser: BROWSER });
    expect(features.session_duration_ms).toBe(0);
  });

  it('tells a bot session from a person’s on the features SHIELD’s bot scenario moves', () => {
    const human = humanSession(7);
    const bot = botSession();
    const h = computeBehaviorFeatures(human.log, { end: human.end, browser: BROWSER });
    const b = computeBehaviorFeatures(bot.log, { end: bot.end, browser: BROWSER });
    expect(b.inter_key_delay_mean).toBe(10);
    expect(b.inter_key_delay_std).toBe(0);
    expect(h.inter_key_delay_std).toBeGreaterThan(10);
    expect(b.words_per_minute).toBeGreaterThan(1_000);
    expect(h.words_per_minute).toBeLessThan(100);
    expect(b.direct_to_transfer).toBe(1);
    expect(h.direct_to_transfer).toBe(1); // dashboard → transfer is direct too
    expect(b.error_rate).toBe(0);
    expect(h.error_rate).toBeGreaterThan(0);
    expect(b.mouse_speed_cv).toBe(0);
    expect(h.mouse_speed_cv).toBeGreaterThan(0);
    expect(b.session_duration_ms).toBe(500);
    expect(h.session_duration_ms).toBe(human.end - human.log.start); // synthetic times, exact
    expect(b.gesture_curvature_mean).toBe(0);
    expect(h.gesture_curvature_mean).toBeGreaterThan(0);
  });

  it('one person’s sessions vary (what a baseline needs), deterministically per seed', () => {
    const a = humanSession(1);
    const b = humanSession(2);
    const fa = computeBehaviorFeatures(a.log, { end: a.end, browser: BROWSER });
    const fb = computeBehaviorFeatures(b.log, { end: b.end, browser: BROWSER });
    expect(fa.inter_key_delay_mean).not.toBe(fb.inter_key_delay_mean);
    const again = humanSession(1);
    expect(computeBehaviorFeatures(again.log, { end: again.end, browser: BROWSER })).toEqual(fa);
  });

  it('takes screen roles from the app’s names', () => {
    const log = logOf(0, [
      { type: 'screen', t: 0, name: 'home' },
      { type: 'screen', t: 1_000, name: 'pay' },
    ]);
    const features = computeBehaviorFeatures(log, {
      end: 3_000,
      browser: BROWSER,
      screens: { dashboard: 'home', transfer: 'pay' },
    });
    expect(features.time_on_dashboard_ms).toBe(1_000);
    expect(features.time_on_transfer_ms).toBe(2_000);
  });
});

describe('behaviorSnapshot and assessmentBehavior', () => {
  it('carries the schema version; the assessment member is { sessionId?, features }', () => {
    const { log, end } = humanSession(3);
    const snapshot = behaviorSnapshot(log, { end, browser: BROWSER });
    expect(snapshot.schemaVersion).toBe(BEHAVIOR_SCHEMA_VERSION);
    expect(assessmentBehavior(snapshot, 's-1')).toEqual({
      sessionId: 's-1',
      features: snapshot.features,
    });
    expect(assessmentBehavior(snapshot)).toEqual({ features: snapshot.features });
  });
});
