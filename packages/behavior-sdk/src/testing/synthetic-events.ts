import type {
  EventLog,
  KeyKind,
  LoggedEvent,
  LoggedKey,
  LoggedPointer,
  PointerKind,
} from '../event-log.ts';

/** A log starting at `start` holding the given events in time order (stable for equal times). */
export function logOf(start: number, ...groups: readonly (readonly LoggedEvent[])[]): EventLog {
  const events = groups.flat().map((e, i) => ({ e, i }));
  events.sort((a, b) => a.e.t - b.e.t || a.i - b.i);
  return { start, events: events.map(({ e }) => e) };
}

/**
 * Keystrokes: the first keydown at `at`, each next one `gapsMs[i]` later, each released `dwellMs`
 * (or `dwellMs[i]`) after it went down. `kinds[i]` defaults to 'char'; press ids start at `firstPress`.
 */
export function keystrokes(opts: {
  readonly at: number;
  readonly gapsMs: readonly number[];
  readonly dwellMs: number | readonly number[];
  readonly kinds?: readonly KeyKind[];
  readonly firstPress?: number;
}): LoggedKey[] {
  const events: LoggedKey[] = [];
  let t = opts.at;
  for (let i = 0; i <= opts.gapsMs.length; i++) {
    if (i > 0) {
      t += opts.gapsMs[i - 1] as number;
    }
    const press = (opts.firstPress ?? 1) + i;
    const kind = opts.kinds?.[i] ?? 'char';
    const dwell = typeof opts.dwellMs === 'number' ? opts.dwellMs : (opts.dwellMs[i] as number);
    events.push({ type: 'keydown', t, press, kind }, { type: 'keyup', t: t + dwell, press, kind });
  }
  return events;
}

/** `n` keystrokes `everyMs` apart starting at `at`. */
export const evenKeystrokes = (at: number, n: number, everyMs: number, dwellMs: number) =>
  keystrokes({ at, gapsMs: Array.from({ length: n - 1 }, () => everyMs), dwellMs });

/** One contact through `points`, a sample every `stepMs`: down at the first, up at the last. */
export function contact(opts: {
  readonly at: number;
  readonly points: readonly (readonly [number, number])[];
  readonly stepMs: number;
  readonly pointerType?: PointerKind;
  readonly pointer?: number;
  readonly pressure?: number;
}): LoggedPointer[] {
  const last = opts.points.length - 1;
  return opts.points.map(([x, y], i) => ({
    type: i === 0 ? 'pointerdown' : i === last ? 'pointerup' : 'pointermove',
    t: opts.at + i * opts.stepMs,
    pointer: opts.pointer ?? 1,
    pointerType: opts.pointerType ?? 'touch',
    x,
    y,
    pressure: opts.pressure ?? 0.5,
  }));
}

/** `n + 1` points evenly along a straight line. */
export const line = (from: readonly [number, number], to: readonly [number, number], n: number) =>
  Array.from({ length: n + 1 }, (_, i): [number, number] => [
    from[0] + ((to[0] - from[0]) * i) / n,
    from[1] + ((to[1] - from[1]) * i) / n,
  ]);

/** `n + 1` points evenly along a circular arc from angle `from` to `to` (radians). */
export const arc = (
  centre: readonly [number, number],
  radius: number,
  from: number,
  to: number,
  n: number,
) =>
  Array.from({ length: n + 1 }, (_, i): [number, number] => {
    const a = from + ((to - from) * i) / n;
    return [centre[0] + radius * Math.cos(a), centre[1] + radius * Math.sin(a)];
  });

/** Mouse moves with no button pressed through `points`, one every `stepMs`. */
export const hover = (at: number, points: readonly (readonly [number, number])[], stepMs: number) =>
  points.map(([x, y], i): LoggedPointer => ({
    type: 'pointermove',
    t: at + i * stepMs,
    pointer: 1,
    pointerType: 'mouse',
    x,
    y,
    pressure: 0,
  }));

/** Screens shown at the given times. */
export const screens = (...visits: readonly (readonly [string, number])[]): LoggedEvent[] =>
  visits.map(([name, t]) => ({ type: 'screen', t, name }));
