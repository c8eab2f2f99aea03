/**
 * The one time source of every service (the engine gets time only as an argument). Wall time for
 * timestamps, monotonic time for durations, and timers, so that budgets, deadlines, limiters and
 * retries all run on the same injectable clock and a test can move time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
  /** Monotonic milliseconds for measuring durations. */
  monotonicMs(): number;
  /** Calls `fn` once after `ms` of this clock's time; returns a function that cancels the call. */
  setTimer(ms: number, fn: () => void): () => void;
}

// setTimeout fires at once (after a warning) for delays past 2^31 − 1 ms, Infinity included.
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
  setTimer: (ms, fn) => {
    const timer = setTimeout(fn, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
    return () => clearTimeout(timer);
  },
};

/**
 * Resolves after `ms` of `clock` time; rejects with `signal.reason` as soon as `signal` aborts
 * (the way `node:timers/promises` does).
 */
export function sleep(
  clock: Pick<Clock, 'setTimer'>,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted === true) {
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      cancel();
      reject(signal?.reason as Error);
    };
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
