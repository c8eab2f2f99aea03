import type { EventLog, LoggedEvent } from '../event-log.ts';
import { arc, contact, hover, keystrokes, line, logOf, screens } from './synthetic-events.ts';

/** A tiny deterministic generator (LCG, Numerical Recipes constants): uniform in [0, 1). */
function uniform(seed: number): () => number {
  let state = (seed * 2_654_435_761) >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A recorded session and when it ended. */
export interface SyntheticSession {
  readonly log: EventLog;
  readonly end: number;
}

/**
 * A person paying someone: dashboard, transfer form typed into with pauses and a correction,
 * taps, a curved swipe, mouse moves, an OTP. `seed` varies the timings the way one person varies.
 */
export function humanSession(seed: number): SyntheticSession {
  const r = uniform(seed);
  const jitter = (base: number, spread: number) => base + (r() - 0.5) * 2 * spread;
  const gaps = (n: number) => Array.from({ length: n }, () => jitter(190, 60));
  const dwells = (n: number) => Array.from({ length: n }, () => jitter(95, 20));
  const t0 = 10_000;
  const dashboardMs = jitter(20_000, 5_000);
  const transferAt = t0 + dashboardMs;
  const otpAt = transferAt + jitter(25_000, 4_000);
  const end = otpAt + jitter(9_000, 2_000);
  const events: LoggedEvent[][] = [
    screens(['dashboard', t0], ['transfer', transferAt], ['otp', otpAt]),
    hover(t0 + 1_000, arc([300, 300], 150, 0, jitter(1.2, 0.3), 30), 16),
    contact({
      at: t0 + 3_000,
      points: [
        [40, 60],
        [41, 60],
      ],
      stepMs: jitter(140, 30),
      pressure: jitter(0.55, 0.05),
    }),
    contact({
      at: t0 + 6_000,
      points: arc([200, 400], jitter(400, 80), 1.2, jitter(1.6, 0.15), 12),
      stepMs: jitter(18, 4),
      pointer: 2,
    }),
    [{ type: 'focus', t: transferAt + 1_000, field: 0 }],
    keystrokes({ at: transferAt + 1_200, gapsMs: gaps(11), dwellMs: dwells(12), firstPress: 1 }),
    [{ type: 'focus', t: transferAt + 6_000, field: 1 }],
    keystrokes({
      at: transferAt + 6_300,
      gapsMs: gaps(6),
      dwellMs: dwells(7),
      kinds: ['char', 'char', 'char', 'erase', 'char', 'char', 'char'],
      firstPress: 20,
    }),
    contact({
      at: transferAt + 12_000,
      points: [
        [180, 600],
        [180, 601],
      ],
      stepMs: jitter(120, 30),
      pointer: 3,
      pressure: jitter(0.6, 0.05),
    }),
    [{ type: 'submit', t: transferAt + 12_150 }],
    [{ type: 'focus', t: otpAt + 1_000, field: 0 }],
    keystrokes({
      at: otpAt + jitter(4_000, 1_000),
      gapsMs: gaps(5),
      dwellMs: dwells(6),
      firstPress: 40,
    }),
    [{ type: 'submit', t: end - 500 }],
  ];
  return { log: logOf(t0 - 5_000, ...events), end };
}

/** A script: straight to the transfer screen, constant 10 ms keys, one straight swipe, no pauses. */
export function botSession(): SyntheticSession {
  const t0 = 1_000;
  return {
    log: logOf(
      t0,
      screens(['transfer', t0 + 10]),
      [{ type: 'focus', t: t0 + 20, field: 0 }],
      keystrokes({ at: t0 + 30, gapsMs: Array.from({ length: 29 }, () => 10), dwellMs: 5 }),
      contact({ at: t0 + 400, points: line([0, 0], [0, 300], 3), stepMs: 10 }),
      [{ type: 'submit', t: t0 + 450 }],
    ),
    end: t0 + 500,
  };
}
