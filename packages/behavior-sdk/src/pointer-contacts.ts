import { eventsOf, type EventLog, type LoggedPointer, type PointerKind } from './event-log.ts';

/** One press of a finger, pen or mouse button: its samples from down to up, in order. */
export interface Contact {
  readonly pointerType: PointerKind;
  readonly samples: readonly LoggedPointer[];
  /** Two fingers were down together during it (it belongs to a pinch, not a tap or swipe). */
  readonly pinched: boolean;
}

/** Two fingers down together: their distance when the second went down and when one lifted. */
export interface Pinch {
  readonly startDistance: number;
  readonly endDistance: number;
  readonly durationMs: number;
}

export interface PointerActivity {
  /** Completed contacts (ended by pointerup; a cancelled one was taken over by the browser). */
  readonly contacts: readonly Contact[];
  readonly pinches: readonly Pinch[];
  /** Mouse moves with no button pressed. */
  readonly hoverMoves: readonly LoggedPointer[];
}

interface Open {
  readonly pointerType: PointerKind;
  readonly samples: LoggedPointer[];
  pinched: boolean;
}

const keyOf = (e: LoggedPointer) => `${e.pointerType}:${e.pointer}`;
const distance = (a: LoggedPointer, b: LoggedPointer) => Math.hypot(a.x - b.x, a.y - b.y);

/** Splits the pointer records of a log into contacts, pinches and hover moves. */
export function pointerActivity(log: EventLog): PointerActivity {
  const open = new Map<string, Open>();
  const contacts: Contact[] = [];
  const pinches: Pinch[] = [];
  const hoverMoves: LoggedPointer[] = [];
  let pinch: { a: string; b: string; start: number; t: number } | undefined;

  const last = (key: string) => open.get(key)?.samples.at(-1);
  const endPinch = (t: number) => {
    if (pinch === undefined) {
      return;
    }
    const a = last(pinch.a);
    const b = last(pinch.b);
    if (a !== undefined && b !== undefined) {
      pinches.push({
        startDistance: pinch.start,
        endDistance: distance(a, b),
        durationMs: t - pinch.t,
      });
    }
    pinch = undefined;
  };

  for (const e of eventsOf(log, 'pointerdown', 'pointermove', 'pointerup', 'pointercancel')) {
    const key = keyOf(e);
    const contact = open.get(key);
    if (e.type === 'pointerdown') {
      open.set(key, { pointerType: e.pointerType, samples: [e], pinched: false });
      const touches = [...open.entries()].filter(([, c]) => c.pointerType === 'touch');
      if (e.pointerType === 'touch' && touches.length === 2 && pinch === undefined) {
        const [[a, first], [b]] = touches as [[string, Open], [string, Open]];
        const firstAt = first.samples.at(-1) as LoggedPointer;
        pinch = { a, b, start: distance(firstAt, e), t: e.t };
      }
      for (const [, c] of touches) {
        c.pinched ||= touches.length >= 2;
      }
    } else if (contact === undefined) {
      if (e.type === 'pointermove' && e.pointerType === 'mouse') {
        hoverMoves.push(e);
      }
    } else {
      contact.samples.push(e);
      if (e.type !== 'pointermove') {
        if (pinch !== undefined && (pinch.a === key || pinch.b === key)) {
          endPinch(e.t);
        }
        open.delete(key);
        if (e.type === 'pointerup') {
          contacts.push({
            pointerType: contact.pointerType,
            samples: contact.samples,
            pinched: contact.pinched,
          });
        }
      }
    }
  }
  return { contacts, pinches, hoverMoves };
}
