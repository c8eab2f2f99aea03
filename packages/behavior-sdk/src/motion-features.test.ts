import { describe, expect, it } from 'vitest';
import { motionFeatures } from './motion-features.ts';
import { logOf } from './testing.ts';
import type { LoggedEvent } from './event-log.ts';

const acc = (t: number, x: number, y: number, z: number): LoggedEvent => ({
  type: 'acceleration',
  t,
  x,
  y,
  z,
});
const rot = (t: number, x: number, y: number, z: number): LoggedEvent => ({
  type: 'rotation',
  t,
  x,
  y,
  z,
});
const tilt = (t: number, beta: number, gamma: number): LoggedEvent => ({
  type: 'orientation',
  t,
  beta,
  gamma,
});

describe('motionFeatures', () => {
  it('standard deviations per axis, tilt from beta and gamma, stability from rotation', () => {
    const f = motionFeatures(
      logOf(
        0,
        [acc(0, 1, 0, 9.8), acc(16, 3, 0, 9.8)],
        [rot(0, 0.1, 0, 0), rot(16, -0.1, 0, 0)],
        [tilt(0, 90, 0), tilt(16, 0, 0), tilt(32, 60, 60)],
      ),
    );
    expect(f.accel_x_std).toBe(1);
    expect(f.accel_y_std).toBe(0);
    expect(f.accel_z_std).toBe(0);
    expect(f.gyro_x_std).toBeCloseTo(0.1, 12);
    expect(f.gyro_y_std).toBe(0);
    expect(f.hand_stability_score).toBeCloseTo(1 / 1.1, 12);
    // upright 90°, flat 0°, and acos(cos 60° · cos 60°) = acos(1/4) ≈ 75.52°
    expect(f.device_tilt_mean).toBeCloseTo((90 + 0 + (Math.acos(0.25) * 180) / Math.PI) / 3, 9);
  });

  it('a device that does not turn is perfectly stable', () => {
    const f = motionFeatures(logOf(0, [rot(0, 0.2, 0.2, 0.2), rot(16, 0.2, 0.2, 0.2)]));
    expect(f.hand_stability_score).toBe(1);
  });

  it('no motion events (a desktop, or iOS without permission): all zeros, "not measured"', () => {
    expect(Object.values(motionFeatures(logOf(0))).every((v) => v === 0)).toBe(true);
  });
});
