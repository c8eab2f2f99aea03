/**
 * The recorded session: plain objects, in the order they happened, timestamps in milliseconds on
 * one monotonic time base (the DOM's `event.timeStamp`, i.e. `performance.now()`). Features are
 * pure functions of this log, so they can be computed and tested anywhere.
 *
 * Privacy by construction: a key event holds its timing and its kind (`char`, `erase` for
 * Backspace/Delete, `other` for keys that type nothing), never which key or character it was.
 */
export type KeyKind = 'char' | 'erase' | 'other';

export interface LoggedKey {
  readonly type: 'keydown' | 'keyup';
  readonly t: number;
  /** Pairs a keyup with its keydown: a counter, not a key code. */
  readonly press: number;
  readonly kind: KeyKind;
}

export type PointerKind = 'mouse' | 'touch' | 'pen';

export interface LoggedPointer {
  readonly type: 'pointerdown' | 'pointermove' | 'pointerup' | 'pointercancel';
  readonly t: number;
  /** The contact's id (pointerId, or the touch identifier), unique among active contacts. */
  readonly pointer: number;
  readonly pointerType: PointerKind;
  /** CSS pixels. */
  readonly x: number;
  readonly y: number;
  /** 0–1 as the browser reports it (0.5 while pressed on hardware without pressure sensing). */
  readonly pressure: number;
}

export interface LoggedWheel {
  readonly type: 'wheel';
  readonly t: number;
}

/** `devicemotion`'s acceleration including gravity, m/s², device axes. */
export interface LoggedAcceleration {
  readonly type: 'acceleration';
  readonly t: number;
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** `devicemotion`'s rotation rate converted to rad/s: x = beta, y = gamma, z = alpha axis. */
export interface LoggedRotation {
  readonly type: 'rotation';
  readonly t: number;
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** `deviceorientation`'s front-back (beta) and left-right (gamma) tilt, degrees. */
export interface LoggedOrientation {
  readonly type: 'orientation';
  readonly t: number;
  readonly beta: number;
  readonly gamma: number;
}

/** A form field got focus; `field` is its position among the form controls (document order). */
export interface LoggedFocus {
  readonly type: 'focus';
  readonly t: number;
  readonly field: number;
}

export interface LoggedSubmit {
  readonly type: 'submit';
  readonly t: number;
}

/** The app said which screen is showing (`collector.screen(name)`). */
export interface LoggedScreen {
  readonly type: 'screen';
  readonly t: number;
  readonly name: string;
}

export type LoggedEvent =
  | LoggedKey
  | LoggedPointer
  | LoggedWheel
  | LoggedAcceleration
  | LoggedRotation
  | LoggedOrientation
  | LoggedFocus
  | LoggedSubmit
  | LoggedScreen;

/** One session: when it started and what happened, on the same time base. */
export interface EventLog {
  readonly start: number;
  readonly events: readonly LoggedEvent[];
}

/** The events of one type, narrowed. */
export function eventsOf<K extends LoggedEvent['type']>(
  log: EventLog,
  ...types: K[]
): (LoggedEvent & { readonly type: K })[] {
  return log.events.filter((e): e is LoggedEvent & { readonly type: K } =>
    (types as string[]).includes(e.type),
  );
}
