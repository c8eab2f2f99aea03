import { sleep, type Clock } from '@sentinel/kernel';
import { isRetryable, type ProviderResult, type SimSwapProvider } from '../sim-swap-provider.ts';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Cap of the first backoff; it doubles per attempt up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Uniform in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

/** Backoff before retry number `retry` (1-based): "full jitter", uniform in [0, min(cap, base·2^(retry−1))). */
export function fullJitterDelay(
  retry: number,
  opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

// Ours, not cockatiel 4's retry().exponential(): its backoff waits on a bare setTimeout (no clock
// option), not the injected clock, and the jitter is one line (fullJitterDelay).
/**
 * Retries failures that another attempt may fix (`UNAVAILABLE`, `TIMEOUT`, unless the provider
 * said otherwise) with full-jitter backoff, so a fleet of pollers does not retry in lock-step.
 * `timeoutMs` applies to each attempt. For ingestion and background refreshes only: the hot path
 * has no time for a second attempt. Backoffs wait on `clock`.
 */
export function withRetries(
  provider: SimSwapProvider,
  opts: RetryOptions,
  clock: Pick<Clock, 'setTimer'>,
): SimSwapProvider {
  if (!Number.isInteger(opts.maxAttempts) || opts.maxAttempts < 1) {
    throw new RangeError('maxAttempts must be an integer of at least 1');
  }
  if (opts.baseDelayMs < 0 || opts.maxDelayMs < opts.baseDelayMs) {
    throw new RangeError('need 0 <= baseDelayMs <= maxDelayMs');
  }
  const random = opts.random ?? Math.random;
  return {
    id: provider.id,
    async lookup(phoneNumber, lookupOpts) {
      let result: ProviderResult = await provider.lookup(phoneNumber, lookupOpts);
      for (let retry = 1; retry < opts.maxAttempts; retry++) {
        if (result.ok || !isRetryable(result) || lookupOpts.signal?.aborted === true) {
          return result;
        }
        try {
          await sleep(clock, fullJitterDelay(retry, opts, random), lookupOpts.signal);
        } catch {
          return result;
        }
        result = await provider.lookup(phoneNumber, lookupOpts);
      }
      return result;
    },
  };
}
