import { BoundedMap } from './bounded-map.ts';
import type { Clock } from './clock.ts';

/** The monotonic half of the kernel `Clock`: durations, never wall time. */
export interface MonotonicClock {
  monotonicMs(): number;
}

/** How fast tokens arrive and how many can pile up while idle. */
export interface TokenRate {
  readonly ratePerSecond: number;
  /** Tokens that can pile up while idle (default 1: no bursts). */
  readonly burst?: number;
}

// Refill arithmetic in floating point may land a hair below a whole token.
const EPSILON = 1e-9;

/** One bucket's level: the pure arithmetic both forms below share. */
interface Level {
  tokens: number;
  at: number;
}

function checkRate(rate: TokenRate): { perMs: number; burst: number } {
  if (!(rate.ratePerSecond > 0) || !Number.isFinite(rate.ratePerSecond)) {
    throw new RangeError('ratePerSecond must be a positive number');
  }
  const burst = rate.burst ?? 1;
  if (!Number.isInteger(burst) || burst < 1) {
    throw new RangeError('burst must be an integer of at least 1');
  }
  return { perMs: rate.ratePerSecond / 1000, burst };
}

function refill(level: Level, now: number, perMs: number, burst: number): void {
  // max(): a clock that steps back (it should not) never drains the bucket.
  level.tokens = Math.min(burst, level.tokens + Math.max(0, now - level.at) * perMs);
  level.at = now;
}

/** Whole milliseconds until the level holds one whole token (float noise rounded away). */
const msToNextToken = (level: Level, perMs: number): number =>
  Math.max(1, Math.ceil((1 - level.tokens) / perMs - 1e-6));

/** Admits calls at a steady rate. */
export interface TokenBucket {
  /** Resolves true when the caller may go; false when `signal` fired first. */
  take(signal?: AbortSignal): Promise<boolean>;
}

/** Runs `fn` after `ms`; returns a cancel function (default: the clock's timer). */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface TokenBucketOptions extends TokenRate {
  readonly clock: MonotonicClock & Pick<Clock, 'setTimer'>;
  readonly schedule?: Schedule;
}

// Ours, not limiter 4's TokenBucket: it reads performance.now() and waits on setTimeout from its
// own module (dist/esm/clock.js) with no clock option, so tests could not move its time.
/**
 * A waiting token bucket that starts empty, serving waiters first come, first served (the telco
 * poller's provider calls). A token is handed out only when the clock says it exists (a late
 * timer delays callers, it never lets them bunch), so over any window of length w at most
 * `burst + ratePerSecond × w` calls are admitted, and over any stretch from the start at most
 * `ratePerSecond × elapsed`. One timer, however many waiters.
 */
export function createTokenBucket(opts: TokenBucketOptions): TokenBucket {
  const { perMs, burst } = checkRate(opts);
  const schedule = opts.schedule ?? ((fn, ms) => opts.clock.setTimer(ms, fn));
  const waiters: { grant: (ok: boolean) => void }[] = [];
  const level: Level = { tokens: 0, at: opts.clock.monotonicMs() };
  let cancelTimer: (() => void) | undefined;

  const pump = (): void => {
    cancelTimer = undefined;
    refill(level, opts.clock.monotonicMs(), perMs, burst);
    while (waiters.length > 0 && level.tokens >= 1 - EPSILON) {
      level.tokens -= 1;
      waiters.shift()?.grant(true);
    }
    if (waiters.length > 0) {
      cancelTimer = schedule(pump, msToNextToken(level, perMs));
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

/** The answer of a keyed bucket: go, or come back in `retryAfterMs`. */
export type Admission =
  | { readonly ok: true; readonly retryAfterMs?: never }
  | { readonly ok: false; readonly retryAfterMs: number };

/** One token bucket per key (a tenant), answering at once instead of waiting. */
export interface KeyedTokenBuckets {
  tryTake(key: string): Admission;
}

export interface KeyedTokenBucketsOptions extends TokenRate {
  readonly clock: MonotonicClock;
  /** Buckets kept at most (default 10,000); the least recently used is forgotten first. */
  readonly maxKeys?: number;
}

const DEFAULT_MAX_KEYS = 10_000;

/**
 * Per-key buckets that start full (`burst` tokens) and never wait: a caller over its key's rate
 * is told how long until its next token. Memory is bounded by `maxKeys`; a forgotten key comes
 * back with a full bucket, which only matters when more keys than that are active at once.
 */
export function createKeyedTokenBuckets(opts: KeyedTokenBucketsOptions): KeyedTokenBuckets {
  const { perMs, burst } = checkRate(opts);
  const levels = new BoundedMap<string, Level>(opts.maxKeys ?? DEFAULT_MAX_KEYS);
  return {
    tryTake(key) {
      const now = opts.clock.monotonicMs();
      let level = levels.get(key);
      if (level === undefined) {
        level = { tokens: burst, at: now };
      } else {
        refill(level, now, perMs, burst);
      }
      levels.set(key, level);
      if (level.tokens >= 1 - EPSILON) {
        level.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterMs: msToNextToken(level, perMs) };
    },
  };
}
