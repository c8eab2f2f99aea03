import { eventsOf, type EventLog, type LoggedPointer } from './event-log.ts';
import type { PointerActivity } from './pointer-contacts.ts';
import { mean, normalisedEntropy, standardDeviation } from './statistics.ts';

/** Mouse moves further apart than this belong to separate movements (pointermove fires ≥ 60 Hz). */
export const MOVE_GAP_MS = 250;
/** Turning angles are binned into this many sectors of 45° for the movement entropy. */
const ANGLE_BINS = 8;

export interface MouseFeatures {
  readonly mouse_movement_entropy: number;
  readonly mouse_speed_cv: number;
  readonly scroll_wheel_event_count: number;
}

/** Consecutive hover moves of one movement, as [from, to] pairs that actually moved. */
function segments(moves: readonly LoggedPointer[]): [LoggedPointer, LoggedPointer][][] {
  const strokes: [LoggedPointer, LoggedPointer][][] = [];
  let stroke: [LoggedPointer, LoggedPointer][] = [];
  for (let i = 1; i < moves.length; i++) {
    const a = moves[i - 1] as LoggedPointer;
    const b = moves[i] as LoggedPointer;
    if (b.t - a.t > MOVE_GAP_MS || b.pointer !== a.pointer) {
      strokes.push(stroke);
      stroke = [];
    } else if (b.t > a.t) {
      stroke.push([a, b]);
    }
  }
  strokes.push(stroke);
  return strokes.filter((s) => s.length > 0);
}

/**
 * SHIELD's mouse group from moves with no button pressed. Speed CV is the standard deviation of
 * segment speeds over their mean. Movement entropy is the normalised Shannon entropy (0–1) of
 * the turning angle between consecutive segments in 8 sectors: 0 for straight lines, higher for
 * wandering. Scroll count is the number of `wheel` events. All 0 without a mouse.
 */
export function mouseFeatures(log: EventLog, activity: PointerActivity): MouseFeatures {
  const strokes = segments(activity.hoverMoves);
  const speeds = strokes
    .flat()
    .map(([a, b]) => (Math.hypot(b.x - a.x, b.y - a.y) / (b.t - a.t)) * 1_000);
  const turns: number[] = [];
  for (const stroke of strokes) {
    const moving = stroke.filter(([a, b]) => a.x !== b.x || a.y !== b.y);
    for (let i = 1; i < moving.length; i++) {
      const [a0, a1] = moving[i - 1] as [LoggedPointer, LoggedPointer];
      const [b0, b1] = moving[i] as [LoggedPointer, LoggedPointer];
      let turn = Math.atan2(b1.y - b0.y, b1.x - b0.x) - Math.atan2(a1.y - a0.y, a1.x - a0.x);
      turn = Math.atan2(Math.sin(turn), Math.cos(turn)); // into (−π, π]
      // Sector 0 is centred on "straight on", so float noise around 0 stays in one bin.
      const sector = Math.round((turn / (2 * Math.PI)) * ANGLE_BINS);
      turns.push(((sector % ANGLE_BINS) + ANGLE_BINS) % ANGLE_BINS);
    }
  }
  const m = mean(speeds);
  return {
    mouse_movement_entropy: normalisedEntropy(turns, ANGLE_BINS),
    mouse_speed_cv: m === 0 ? 0 : standardDeviation(speeds) / m,
    scroll_wheel_event_count: eventsOf(log, 'wheel').length,
  };
}
