import type { Contact, PointerActivity } from './pointer-contacts.ts';
import { mean, standardDeviation } from './statistics.ts';

/**
 * A contact that never strays further than this from where it went down is a tap; beyond it, a
 * swipe (or a drag). 10 CSS px is the usual touch slop of mobile toolkits (Android's default
 * touch slop is 8 dp).
 */
export const TAP_SLOP_PX = 10;

export interface TouchFeatures {
  readonly tap_pressure_mean: number;
  readonly tap_pressure_std: number;
  readonly swipe_velocity_mean: number;
  readonly swipe_velocity_std: number;
  readonly gesture_curvature_mean: number;
  readonly pinch_zoom_accel_mean: number;
  readonly tap_duration_mean: number;
  readonly tap_duration_std: number;
}

const maxDisplacement = (c: Contact) => {
  const first = c.samples[0];
  let max = 0;
  for (const s of c.samples) {
    max = Math.max(max, first === undefined ? 0 : Math.hypot(s.x - first.x, s.y - first.y));
  }
  return max;
};

const durationOf = (c: Contact) => (c.samples.at(-1)?.t ?? 0) - (c.samples[0]?.t ?? 0);

function pathLength(c: Contact): number {
  let length = 0;
  for (let i = 1; i < c.samples.length; i++) {
    const a = c.samples[i - 1];
    const b = c.samples[i];
    if (a !== undefined && b !== undefined) {
      length += Math.hypot(b.x - a.x, b.y - a.y);
    }
  }
  return length;
}

/**
 * SHIELD's touch group over every press of a finger, pen or mouse button (a mouse click is a tap,
 * a drag a swipe; contacts of a pinch are neither). Tap pressure is the highest pressure reported
 * during the tap; swipe velocity is path length / duration in px/s; curvature is
 * 1 − chord / path length (0 for a straight swipe, 1 − 2/π ≈ 0.363 for a half circle); pinch zoom
 * is |ln(end distance / start distance)| per second between two fingers. All 0 when none happened.
 */
export function touchFeatures(activity: PointerActivity): TouchFeatures {
  const single = activity.contacts.filter((c) => !c.pinched);
  const taps = single.filter((c) => maxDisplacement(c) < TAP_SLOP_PX);
  const swipes = single.filter((c) => maxDisplacement(c) >= TAP_SLOP_PX && durationOf(c) > 0);

  const pressures = taps.map((c) => Math.max(...c.samples.map((s) => s.pressure)));
  const tapDurations = taps.map(durationOf);
  const velocities = swipes.map((c) => (pathLength(c) / durationOf(c)) * 1_000);
  const curvatures = swipes.map((c) => {
    const first = c.samples[0];
    const last = c.samples.at(-1);
    const chord =
      first === undefined || last === undefined
        ? 0
        : Math.hypot(last.x - first.x, last.y - first.y);
    return Math.max(0, 1 - chord / pathLength(c));
  });
  const zoomRates = activity.pinches
    .filter((p) => p.durationMs > 0 && p.startDistance > 0 && p.endDistance > 0)
    .map((p) => Math.abs(Math.log(p.endDistance / p.startDistance)) / (p.durationMs / 1_000));

  return {
    tap_pressure_mean: mean(pressures),
    tap_pressure_std: standardDeviation(pressures),
    swipe_velocity_mean: mean(velocities),
    swipe_velocity_std: standardDeviation(velocities),
    gesture_curvature_mean: mean(curvatures),
    pinch_zoom_accel_mean: mean(zoomRates),
    tap_duration_mean: mean(tapDurations),
    tap_duration_std: standardDeviation(tapDurations),
  };
}
