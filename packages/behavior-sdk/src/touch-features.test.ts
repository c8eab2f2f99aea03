import { describe, expect, it } from 'vitest';
import { pointerActivity } from './pointer-contacts.ts';
import { arc, contact, line, logOf } from './testing.ts';
import { touchFeatures } from './touch-features.ts';
import type { EventLog } from './event-log.ts';

const touch = (log: EventLog) => touchFeatures(pointerActivity(log));

describe('touchFeatures', () => {
  it('a straight swipe: curvature 0 and path / time as velocity', () => {
    const f = touch(logOf(0, contact({ at: 0, points: line([0, 0], [300, 0], 10), stepMs: 20 })));
    expect(f.swipe_velocity_mean).toBeCloseTo(1_500, 9); // 300 px in 200 ms
    expect(f.swipe_velocity_std).toBe(0);
    expect(f.gesture_curvature_mean).toBe(0);
    expect(f.tap_duration_mean).toBe(0); // a swipe is not a tap
  });

  it.each([
    ['a quarter circle', Math.PI / 2, 1 - (2 * Math.SQRT2) / Math.PI],
    ['a half circle', Math.PI, 1 - 2 / Math.PI],
  ])('%s: curvature 1 − chord / arc length', (_name, angle, expected) => {
    const f = touch(
      logOf(0, contact({ at: 0, points: arc([0, 0], 100, 0, angle, 180), stepMs: 2 })),
    );
    expect(f.gesture_curvature_mean).toBeCloseTo(expected, 4);
    expect(f.swipe_velocity_mean).toBeCloseTo(((100 * angle) / 360) * 1_000, 0);
  });

  it('two swipes: mean and population std of their velocities', () => {
    const f = touch(
      logOf(
        0,
        contact({ at: 0, points: line([0, 0], [0, 100], 4), stepMs: 50 }), // 500 px/s
        contact({ at: 1_000, points: line([0, 0], [0, 300], 4), stepMs: 50, pointer: 2 }), // 1500 px/s
      ),
    );
    expect(f.swipe_velocity_mean).toBeCloseTo(1_000, 9);
    expect(f.swipe_velocity_std).toBeCloseTo(500, 9);
  });

  it('taps: peak pressure and press duration; a 5 px wobble is still a tap', () => {
    const f = touch(
      logOf(
        0,
        contact({
          at: 0,
          points: [
            [10, 10],
            [10, 10],
          ],
          stepMs: 100,
          pressure: 0.4,
        }),
        contact({
          at: 500,
          points: [
            [50, 50],
            [53, 54],
            [50, 50],
          ],
          stepMs: 70,
          pressure: 0.6,
          pointer: 2,
        }),
      ),
    );
    expect(f.tap_pressure_mean).toBeCloseTo(0.5, 12);
    expect(f.tap_pressure_std).toBeCloseTo(0.1, 12);
    expect(f.tap_duration_mean).toBe(120);
    expect(f.tap_duration_std).toBe(20);
    expect(f.swipe_velocity_mean).toBe(0);
  });

  it('a mouse click is a tap (pressure 0.5 as browsers report it); a cancelled touch counts for nothing', () => {
    const f = touch(
      logOf(
        0,
        contact({
          at: 0,
          points: [
            [1, 1],
            [1, 1],
          ],
          stepMs: 90,
          pointerType: 'mouse',
          pressure: 0.5,
        }),
        [
          {
            type: 'pointerdown',
            t: 500,
            pointer: 7,
            pointerType: 'touch',
            x: 0,
            y: 0,
            pressure: 0.9,
          },
          {
            type: 'pointercancel',
            t: 520,
            pointer: 7,
            pointerType: 'touch',
            x: 0,
            y: 0,
            pressure: 0.9,
          },
        ],
      ),
    );
    expect(f.tap_pressure_mean).toBe(0.5);
    expect(f.tap_duration_mean).toBe(90);
    expect(f.tap_duration_std).toBe(0);
  });

  it('a pinch: |ln(end / start distance)| per second; its fingers are neither taps nor swipes', () => {
    const log = logOf(
      0,
      contact({
        at: 0,
        points: [
          [100, 100],
          [100, 100],
        ],
        stepMs: 1_000,
        pointer: 1,
      }),
      contact({ at: 10, points: line([200, 100], [300, 100], 5), stepMs: 100, pointer: 2 }),
    );
    const activity = pointerActivity(log);
    expect(activity.pinches).toEqual([{ startDistance: 100, endDistance: 200, durationMs: 500 }]);
    const f = touchFeatures(activity);
    expect(f.pinch_zoom_accel_mean).toBeCloseTo(Math.log(2) / 0.5, 12);
    expect(f.tap_duration_mean).toBe(0);
    expect(f.swipe_velocity_mean).toBe(0);
  });

  it('nothing touched: all zeros', () => {
    expect(Object.values(touch(logOf(0))).every((v) => v === 0)).toBe(true);
  });
});
