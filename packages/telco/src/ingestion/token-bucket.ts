import type { Clock } from '@sentinel/kernel';

/** Admits calls at a steady rate. */
export interface TokenBucket {
  /** Resolves true when the caller may go; false when `signal` fired first. */
  take(signal?: AbortSignal): Promise<boolean>;
}

/** Runs `fn` after `ms`; returns a cancel function (default: the clock's timer). */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface TokenBucketOptions {
  readonly ratePerSecond: number;
  /** Tokens that can pile up while idle (default 1: no bursts). */
  readonly burst?: number;
  readonly clock: Pick<Clock, 'monotonicMs' | 'setTimer'>;
  readonly schedule?: Schedule;
}

// Refill arithmetic in floating point may land a hair below a whole token.
const EPSILON = 1e-9;

/**
 * A token bucket that starts empty, serving waiters first come, first served. A token is handed
 * out only when the clock says it exists (a late timer delays callers, it never lets them bunch),
 * so over any window of length w at most `burst + ratePerSecond × w` calls are admitted, and over
 * any stretch from the start at most `ratePerSecond × elapsed`. One timer, however many waiters.
 */
export function createTokenBucket(opts: TokenBucketOptions): TokenBucket {
  if (!(opts.ratePerSecond > 0) || !Number.isFinite(opts.ratePerSecond)) {
    throw new RangeError('ratePerSecond must be a positive number');
  }
  const burst = opts.burst ?? 1;
  if (!Number.isInteger(burst) || burst < 1) {
    throw new RangeError('burst must be an integer of at least 1');
  }
  const perMs = opts.ratePerSecond / 1000;
  const schedule = opts.schedule ?? ((fn, ms) => opts.clock.setTimer(ms, fn));
  const waiters: { grant: (ok: boolean) => void }[] = [];
  let tokens = 0;
  let refilledAt = opts.clock.monotonicMs();
  let cancelTimer: (() => void) | undefined;

  const pump = (): void => {
    cancelTimer = undefined;
    const now = opts.clock.monotonicMs();
    tokens = Math.min(burst, tokens + (now - refilledAt) * perMs);
    refilledAt = now;
    while (waiters.length > 0 && tokens >= 1 - EPSILON) {
      tokens -= 1;
      waiters.shift()?.grant(true);
    }
    if (waiters.length > 0) {
      cancelTimer = schedule(pump, Math.max(1, Math.ceil((1 - tokens) / perMs)));
    }
  };

  return {
    take(signal) {
      if (signal?.aborted === true) {
        return Promise.resolve(false);
      }
      return new Promise<boolean>((resolve) => {
        const onAbort = (): void => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) {
            waiters.splice(index, 1);
          }
          resolve(false);
        };
        const waiter = {
          grant: (ok: boolean) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(ok);
          },
        };
        waiters.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (cancelTimer === undefined) {
          pump();
        }
      });
    },
  };
}
