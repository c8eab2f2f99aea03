import type { SimSwapSignals } from '@sentinel/store';
import type { Clock } from '@sentinel/kernel';
import { describeError } from '../providers/describe-error.ts';
import { maskPhoneNumber } from '../providers/mask-phone-number.ts';
import { silentLogger, type Logger } from '@sentinel/kernel';
import { withRetries, type RetryOptions } from '../providers/resilience/with-retries.ts';
import { saveSimSwapSignal } from '../providers/save-sim-swap-signal.ts';
import type { ProviderFailure, SimSwapProvider } from '../providers/sim-swap-provider.ts';
import { toSimSwapSignal } from '../providers/to-sim-swap-signal.ts';
import { createTokenBucket } from '@sentinel/kernel';
import type { PollError, WatchedNumbers } from './watched-numbers.ts';

export interface PollOptions {
  readonly numbers: AsyncIterable<string> | Iterable<string>;
  /** Routing table over guarded providers (`buildSimSwapProvider`); retries come from `retry`. */
  readonly provider: SimSwapProvider;
  readonly store: SimSwapSignals;
  /** Where per-number health (failure count, last error) is recorded. */
  readonly watched?: WatchedNumbers;
  /** Provider calls in flight at most. */
  readonly concurrency: number;
  /** Provider calls started per second at most, retries included. */
  readonly ratePerSecond: number;
  /** Token-bucket burst (default 2; see DEFAULT_BURST). */
  readonly burst?: number;
  readonly clock: Clock;
  /** Deadline of each provider call (default 5 s). */
  readonly attemptTimeoutMs?: number;
  /** Retries with full jitter; each attempt passes the rate limit. Default: none. */
  readonly retry?: RetryOptions;
  /** Stop starting numbers after this long (a scheduler invocation has a deadline). */
  readonly maxDurationMs?: number;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

export interface PollReport {
  /** Numbers looked up. */
  readonly checked: number;
  /** Looked up, answered and saved (`checkedAt` and `source` recorded). */
  readonly refreshed: number;
  /** Of those, how many changed what was stored (a new swap, a new window, a first signal). */
  readonly updated: number;
  /** Looked up without an answer, or the save failed. */
  readonly failed: number;
  readonly failuresByReason: Readonly<Partial<Record<PollError['reason'], number>>>;
  /** False when the deadline or the signal stopped the walk before every number was seen. */
  readonly complete: boolean;
  readonly durationMs: number;
  /** Most provider calls observed in flight at once. */
  readonly maxConcurrentObserved: number;
  /** Provider calls per second over the whole run. */
  readonly effectiveRate: number;
  /** Most provider calls started within any one-second window (≤ rate + burst). */
  readonly busiestSecondCalls: number;
}

const DEFAULT_ATTEMPT_TIMEOUT_MS = 5_000;
// Room for one token beyond the next: timers fire a millisecond or two late, and with a bucket
// of one that lateness is lost for good (measured: 400/s configured, ~290/s achieved). Any
// second still sees at most rate + 2 calls; over the whole run, at most the rate.
const DEFAULT_BURST = 2;
/** What the rate limiter answers once the poll is stopping: not a lookup, so not counted. */
const STOPPED: ProviderFailure = {
  ok: false,
  reason: 'TIMEOUT',
  detail: 'poll stopped before the call',
  retryable: false,
};

/**
 * Refreshes the SIM swap signal of every number: bounded concurrency, a token-bucket rate limit
 * on every provider call (retries too), per-number results recorded in `watched`, signals saved
 * through the risk-api's store (a signal checked later than ours is not overwritten). Never
 * rejects for a number's failure; the report says what happened.
 */
export async function pollWatchedNumbers(opts: PollOptions): Promise<PollReport> {
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
    throw new RangeError('concurrency must be an integer of at least 1');
  }
  const logger = opts.logger ?? silentLogger;
  const started = opts.clock.monotonicMs();
  const bucket = createTokenBucket({
    ratePerSecond: opts.ratePerSecond,
    clock: opts.clock,
    burst: opts.burst ?? DEFAULT_BURST,
  });
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const cancelDeadline =
    opts.maxDurationMs === undefined ? undefined : opts.clock.setTimer(opts.maxDurationMs, onAbort);

  let inFlight = 0;
  let maxConcurrentObserved = 0;
  let calls = 0;
  // Start times of the calls within the last second, oldest first.
  const lastSecond: number[] = [];
  let busiestSecondCalls = 0;
  const limited: SimSwapProvider = {
    id: opts.provider.id,
    async lookup(phoneNumber, lookupOpts) {
      if (!(await bucket.take(stop.signal))) {
        return STOPPED;
      }
      calls++;
      const now = opts.clock.monotonicMs();
      lastSecond.push(now);
      while ((lastSecond[0] ?? now) <= now - 1_000) {
        lastSecond.shift();
      }
      busiestSecondCalls = Math.max(busiestSecondCalls, lastSecond.length);
      maxConcurrentObserved = Math.max(maxConcurrentObserved, ++inFlight);
      try {
        return await opts.provider.lookup(phoneNumber, lookupOpts);
      } finally {
        inFlight--;
      }
    },
  };
  const provider =
    opts.retry === undefined ? limited : withRetries(limited, opts.retry, opts.clock);
  const timeoutMs = opts.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;

  const counts = { checked: 0, refreshed: 0, updated: 0, failed: 0 };
  const failuresByReason: Partial<Record<PollError['reason'], number>> = {};
  const fail = async (phoneNumber: string, error: PollError): Promise<void> => {
    counts.failed++;
    failuresByReason[error.reason] = (failuresByReason[error.reason] ?? 0) + 1;
    await opts.watched?.recordFailure(phoneNumber, error).catch((e: unknown) => {
      logger.warn('recording a poll failure failed', { error: describeError(e) });
    });
  };

  const pollOne = async (phoneNumber: string): Promise<void> => {
    const result = await provider.lookup(phoneNumber, {
      timeoutMs,
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    });
    if (result === STOPPED) {
      return;
    }
    counts.checked++;
    const at = opts.clock.now();
    if (!result.ok) {
      await fail(phoneNumber, { reason: result.reason, detail: result.detail, at });
      return;
    }
    try {
      const saved = await saveSimSwapSignal(
        opts.store,
        toSimSwapSignal(phoneNumber, { ...result, checkedAt: at }),
      );
      counts.refreshed++;
      counts.updated += saved.changed ? 1 : 0;
    } catch (error) {
      await fail(phoneNumber, { reason: 'STORE', detail: describeError(error), at });
      return;
    }
    await opts.watched?.recordSuccess(phoneNumber, at).catch((e: unknown) => {
      logger.warn('recording a poll success failed', {
        phoneNumber: maskPhoneNumber(phoneNumber),
        error: describeError(e),
      });
    });
  };

  const next = serialNext(opts.numbers);
  const walk = { exhausted: false };
  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      const item = await next();
      if (item.done === true) {
        walk.exhausted = true;
        return;
      }
      await pollOne(item.value);
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
  } finally {
    cancelDeadline?.();
    opts.signal?.removeEventListener('abort', onAbort);
  }
  const durationMs = opts.clock.monotonicMs() - started;
  return {
    ...counts,
    failuresByReason,
    complete: walk.exhausted && !stop.signal.aborted,
    durationMs,
    maxConcurrentObserved,
    effectiveRate: durationMs > 0 ? (calls * 1000) / durationMs : 0,
    busiestSecondCalls,
  };
}

/** `next()` of the iterator, one call at a time (workers share it). */
function serialNext(
  numbers: AsyncIterable<string> | Iterable<string>,
): () => Promise<IteratorResult<string>> {
  const iterator =
    Symbol.asyncIterator in numbers ? numbers[Symbol.asyncIterator]() : numbers[Symbol.iterator]();
  let chain: Promise<unknown> = Promise.resolve();
  return () => {
    const result = chain.then(() => iterator.next());
    chain = result.catch(() => undefined);
    return result;
  };
}
