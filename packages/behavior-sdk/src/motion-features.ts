import { eventsOf, type EventLog } from './event-log.ts';
import { mean, standardDeviation } from './statistics.ts';

export interface MotionFeatures {
  readonly accel_x_std: number;
  readonly accel_y_std: number;
  readonly accel_z_std: number;
  readonly gyro_x_std: number;
  readonly gyro_y_std: number;
  readonly gyro_z_std: number;
  readonly device_tilt_mean: number;
  readonly hand_stability_score: number;
}

const RAD = Math.PI / 180;

/**
 * SHIELD's motion group from `devicemotion` / `deviceorientation`. Acceleration includes gravity
 * (m/s²), rotation rates are rad/s, both population standard deviations per device axis. Tilt is
 * the angle between the screen's normal and the vertical, acos(cos β · cos γ), in degrees (0 lying
 * flat face up, 90 held upright). Hand stability is 1 / (1 + ‖σ_rotation‖) in (0, 1]: 1 for a
 * device that does not turn at all. A browser that gives no motion events (desktops, iOS without
 * the permission) leaves the whole group at 0, meaning "not measured", never a made-up reading.
 */
export function motionFeatures(log: EventLog): MotionFeatures {
  const acc = eventsOf(log, 'acceleration');
  const rot = eventsOf(log, 'rotation');
  const tilts = eventsOf(log, 'orientation').map(
    (o) =>
      Math.acos(Math.min(1, Math.max(-1, Math.cos(o.beta * RAD) * Math.cos(o.gamma * RAD)))) / RAD,
  );
  const gx = standardDeviation(rot.map((r) => r.x));
  const gy = standardDeviation(rot.map((r) => r.y));
  const gz = standardDeviation(rot.map((r) => r.z));
  return {
    accel_x_std: standardDeviation(acc.map((a) => a.x)),
    accel_y_std: standardDeviation(acc.map((a) => a.y)),
    accel_z_std: standardDeviation(acc.map((a) => a.z)),
    gyro_x_std: gx,
    gyro_y_std: gy,
    gyro_z_std: gz,
    device_tilt_mean: mean(tilts),
    hand_stability_score: rot.length < 2 ? 0 : 1 / (1 + Math.hypot(gx, gy, gz)),
  };
}
