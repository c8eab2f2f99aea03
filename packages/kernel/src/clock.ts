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
  setTimer(ms: number, fn: () => void, opts?: TimerOptions): () => void;
}

export interface TimerOptions {
  /** A background loop's timer: it does not keep the process alive on its own. */
  readonly background?: boolean;
}

// setTimeout fires at once (after a warning) for delays past 2^31 − 1 ms, Infinity included.
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
  setTimer: (ms, fn, opts) => {
    const timer = setTimeout(fn, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
    if (opts?.background === true) {
      timer.unref();
    }
    return () => clearTimeout(timer);
  },
};

/**
 * Calls `fn` every `ms` of `clock` time (a background loop: it does not keep the process alive)
 * until the returned function is called.
 */
export function every(clock: Pick<Clock, 'setTimer'>, ms: number, fn: () => void): () => void {
  let cancel: (() => void) | undefined;
  const arm = (): void => {
    cancel = clock.setTimer(
      ms,
      () => {
        arm();
        fn();
      },
      { background: true },
    );
  };
  arm();
  return () => cancel?.();
}

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
