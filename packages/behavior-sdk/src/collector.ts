/// <reference lib="dom" />
import { behaviorSnapshot, type BehaviorSnapshot } from './behavior-features.ts';
import type { EventLog, KeyKind, LoggedEvent, PointerKind } from './event-log.ts';
import type { ScreenRoles } from './screen-roles.ts';
import type { BankContext, BrowserContext } from './session-context.ts';

export interface CollectorOptions {
  /** Where to listen for keys, pointers, touches, wheel, focus and submit. Default: `window`. */
  readonly root?: HTMLElement | Document | Window;
  /** Listen to `devicemotion` / `deviceorientation` on `window`. Default: true. */
  readonly motion?: boolean;
  /** The clock of `event.timeStamp` (start and end of the session). Default: `performance.now`. */
  readonly now?: () => number;
  /** The wall clock, for the local hour only. Default: `() => new Date()`. */
  readonly clock?: () => Date;
  /** Which screen names are the dashboard, transfer and OTP screens. */
  readonly screens?: Partial<ScreenRoles>;
  /** Device context and trust from the bank's backend (see `BankContext`). */
  readonly bank?: BankContext;
  /** Pointer moves and motion samples kept per session, the rest dropped (memory bound). */
  readonly maxSamples?: number;
}

export interface BehaviorCollector {
  /** The app shows this screen now (navigation features). */
  screen(name: string): void;
  /** A form was submitted without a `<form>` element's `submit` event (e.g. an OTP button). */
  submit(): void;
  /** The 55 features of the session so far; `bank` is merged over the options' one. */
  snapshot(bank?: BankContext): BehaviorSnapshot;
  /** A copy of the recorded session: timings only, no key characters. */
  log(): EventLog;
  /** What the browser says about itself, for the bank to keep and pass back as `lastTimeZone` / `lastOs`. */
  deviceContext(): { readonly timeZone?: string; readonly os?: string };
  /** Forgets the session and starts a new one (enrol mode records one session per round). */
  reset(): void;
  /** Removes every listener. */
  stop(): void;
}

const SAMPLE_TYPES = new Set(['pointermove', 'acceleration', 'rotation', 'orientation']);
const FIELDS = 'input, select, textarea, button, [contenteditable=""], [contenteditable="true"]';

/** A key's kind, never the key: Backspace/Delete erase, a single printed character is a char. */
function kindOf(e: KeyboardEvent): KeyKind {
  if (e.key === 'Backspace' || e.key === 'Delete') {
    return 'erase';
  }
  // Mobile virtual keyboards report composed keys as 'Unidentified' / 'Process' (keyCode 229).
  return e.key.length === 1 || e.key === 'Unidentified' || e.key === 'Process' ? 'char' : 'other';
}

function browserOs(): string | undefined {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const platform = nav.userAgentData?.platform ?? nav.platform;
  return platform === '' ? undefined : platform;
}

/**
 * Starts recording behaviour on `root`: a thin adapter that appends DOM events to an event log
 * (timestamps from `event.timeStamp`); `snapshot()` computes the features from that log.
 */
export function createBehaviorCollector(options: CollectorOptions = {}): BehaviorCollector {
  const root: EventTarget = options.root ?? window;
  const now = options.now ?? (() => performance.now());
  const clock = options.clock ?? (() => new Date());
  const maxSamples = options.maxSamples ?? 20_000;

  let start = now();
  let events: LoggedEvent[] = [];
  let samples = 0;
  let presses = 0;
  const pressOf = new Map<string, number>(); // physical key → press counter, only while held

  const append = (e: LoggedEvent) => {
    if (SAMPLE_TYPES.has(e.type)) {
      if (samples >= maxSamples) {
        return;
      }
      samples += 1;
    }
    events.push(e);
  };

  const onKey = (e: Event) => {
    const k = e as KeyboardEvent;
    const id = k.code === '' ? k.key : k.code;
    if (k.type === 'keydown') {
      if (k.repeat) {
        return; // auto-repeat of a held key is not a keystroke
      }
      presses += 1;
      pressOf.set(id, presses);
      append({ type: 'keydown', t: k.timeStamp, press: presses, kind: kindOf(k) });
    } else {
      const press = pressOf.get(id);
      if (press !== undefined) {
        pressOf.delete(id);
        append({ type: 'keyup', t: k.timeStamp, press, kind: kindOf(k) });
      }
    }
  };

  const onPointer = (e: Event) => {
    const p = e as PointerEvent;
    if (p.pointerType === 'touch') {
      return; // touches come from touch events, which keep firing while the page scrolls
    }
    const pointerType: PointerKind = p.pointerType === 'pen' ? 'pen' : 'mouse';
    const type = p.type as 'pointerdown' | 'pointermove' | 'pointerup' | 'pointercancel';
    append({
      type,
      t: p.timeStamp,
      pointer: p.pointerId,
      pointerType,
      x: p.clientX,
      y: p.clientY,
      pressure: p.pressure,
    });
  };

  const TOUCH_TYPES = {
    touchstart: 'pointerdown',
    touchmove: 'pointermove',
    touchend: 'pointerup',
    touchcancel: 'pointercancel',
  } as const;
  const onTouch = (e: Event) => {
    const t = e as TouchEvent;
    const type = TOUCH_TYPES[t.type as keyof typeof TOUCH_TYPES];
    for (const touch of Array.from(t.changedTouches)) {
      append({
        type,
        t: t.timeStamp,
        pointer: touch.identifier,
        pointerType: 'touch',
        x: touch.clientX,
        y: touch.clientY,
        pressure: touch.force,
      });
    }
  };

  const onWheel = (e: Event) => append({ type: 'wheel', t: e.timeStamp });

  const onFocus = (e: Event) => {
    const target = e.target;
    if (!(target instanceof Element) || !target.matches(FIELDS)) {
      return;
    }
    const scope = root instanceof Window ? document : (root as ParentNode);
    const field = Array.from(scope.querySelectorAll(FIELDS)).indexOf(target);
    append({ type: 'focus', t: e.timeStamp, field });
  };

  const onSubmit = (e: Event) => append({ type: 'submit', t: e.timeStamp });

  const onMotion = (e: Event) => {
    const m = e as DeviceMotionEvent;
    const a = m.accelerationIncludingGravity;
    if (a !== null && a.x !== null && a.y !== null && a.z !== null) {
      append({ type: 'acceleration', t: m.timeStamp, x: a.x, y: a.y, z: a.z });
    }
    const r = m.rotationRate;
    if (r !== null && r.alpha !== null && r.beta !== null && r.gamma !== null) {
      const rad = Math.PI / 180; // the spec gives deg/s
      append({
        type: 'rotation',
        t: m.timeStamp,
        x: r.beta * rad,
        y: r.gamma * rad,
        z: r.alpha * rad,
      });
    }
  };

  const onOrientation = (e: Event) => {
    const o = e as DeviceOrientationEvent;
    if (o.beta !== null && o.gamma !== null) {
      append({ type: 'orientation', t: o.timeStamp, beta: o.beta, gamma: o.gamma });
    }
  };

  const passive = { capture: true, passive: true } as const;
  const listeners: [EventTarget, string, (e: Event) => void][] = [
    [root, 'keydown', onKey],
    [root, 'keyup', onKey],
    ...(['pointerdown', 'pointermove', 'pointerup', 'pointercancel'] as const).map(
      (type): [EventTarget, string, (e: Event) => void] => [root, type, onPointer],
    ),
    ...Object.keys(TOUCH_TYPES).map((type): [EventTarget, string, (e: Event) => void] => [
      root,
      type,
      onTouch,
    ]),
    [root, 'wheel', onWheel],
    [root, 'focusin', onFocus],
    [root, 'submit', onSubmit],
    ...(options.motion === false
      ? []
      : ([
          [window, 'devicemotion', onMotion],
          [window, 'deviceorientation', onOrientation],
        ] as [EventTarget, string, (e: Event) => void][])),
  ];
  for (const [target, type, fn] of listeners) {
    target.addEventListener(type, fn, passive);
  }

  const browser = (): BrowserContext => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const os = browserOs();
    return {
      localHour: clock().getHours(),
      ...(timeZone === '' ? {} : { timeZone }),
      ...(os === undefined ? {} : { os }),
    };
  };

  return {
    screen: (name) => append({ type: 'screen', t: now(), name }),
    submit: () => append({ type: 'submit', t: now() }),
    snapshot: (bank) =>
      behaviorSnapshot(
        { start, events },
        {
          end: now(),
          browser: browser(),
          bank: { ...options.bank, ...bank },
          ...(options.screens === undefined ? {} : { screens: options.screens }),
        },
      ),
    log: () => ({ start, events: [...events] }),
    deviceContext: () => {
      const { timeZone, os } = browser();
      return {
        ...(timeZone === undefined ? {} : { timeZone }),
        ...(os === undefined ? {} : { os }),
      };
    },
    reset: () => {
      start = now();
      events = [];
      samples = 0;
      pressOf.clear();
    },
    stop: () => {
      for (const [target, type, fn] of listeners) {
        target.removeEventListener(type, fn, passive);
      }
    },
  };
}
