import type { Clock } from '../clock.ts';

export interface FakeClock extends Clock {
  advance(ms: number): void;
}

/** A clock that moves only when told to. */
export function fakeClock(start = new Date('2026-03-01T10:00:00Z')): FakeClock {
  let ms = 0;
  return {
    now: () => new Date(start.getTime() + ms),
    monotonicMs: () => ms,
    advance: (by) => {
      ms += by;
    },
  };
}
