import type { SimSwapSignal } from '@sentinel/engine';
import type { SimSwapSignals } from '@sentinel/store';
import { withDeadline, type Clock } from '@sentinel/kernel';
import { describeError } from './describe-error.ts';
import { maskPhoneNumber } from './mask-phone-number.ts';
import { silentLogger, type Logger } from '@sentinel/kernel';
import { withHardTimeout } from './resilience/with-hard-timeout.ts';
import { withRetries, type RetryOptions } from './resilience/with-retries.ts';
import { saveSimSwapSignal } from './save-sim-swap-signal.ts';
import type { SimSwapProvider } from './sim-swap-provider.ts';
import { toSimSwapSignal } from './to-sim-swap-signal.ts';

export interface LiveSignalLookupOptions {
  /** Usually `buildSimSwapProvider(...)`: routing table over breaker-guarded providers. */
  readonly provider: SimSwapProvider;
  readonly store: SimSwapSignals;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly refresh?: {
    readonly retry?: RetryOptions;
    /** Deadline of each background attempt. */
    readonly attemptTimeoutMs?: number;
    /** Refreshes running at once; more are dropped (the poller catches up). */
    readonly maxInFlight?: number;
  };
}

/** The risk-api's hot-path access to live SIM swap data. */
export interface LiveSignalLookup {
  /**
   * One provider call, no retry, settled within `timeoutMs` (≤ 0: null at once). The answer as a
   * signal (`checkedAt` = now, so it counts as FRESH), also saved to the store in the background;
   * null when the provider failed, timed out, is not covered or its circuit is open. Never rejects.
   */
  lookupLive(phoneNumber: string, timeoutMs: number): Promise<SimSwapSignal | null>;
  /**
   * Refreshes the stored signal in the background, with retries. Returns at once; a number with a
   * refresh already running is not queued twice.
   */
  queueRefresh(phoneNumber: string): void;
  /** Resolves when background writes and refreshes have settled, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
  /** Background tasks running now. */
  readonly pending: number;
}

const DEFAULT_RETRY: RetryOptions = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };
const DEFAULT_ATTEMPT_TIMEOUT_MS = 2_000;
const DEFAULT_MAX_IN_FLIGHT = 256;

export function createLiveSignalLookup(opts: LiveSignalLookupOptions): LiveSignalLookup {
  const logger = opts.logger ?? silentLogger;
  const once = withHardTimeout(opts.provider, { clock: opts.clock });
  const retrying = withRetries(once, opts.refresh?.retry ?? DEFAULT_RETRY, opts.clock);
  const attemptTimeoutMs = opts.refresh?.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const maxInFlight = opts.refresh?.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const tasks = new Set<Promise<void>>();
  const refreshing = new Set<string>();

  const track = (task: Promise<void>): void => {
    tasks.add(task);
    void task.finally(() => tasks.delete(task));
  };
  const save = async (signal: SimSwapSignal, what: string): Promise<void> => {
    try {
      await saveSimSwapSignal(opts.store, signal);
    } catch (error) {
      logger.warn(`${what}: saving the SIM swap signal failed`, {
        phoneNumber: maskPhoneNumber(signal.phoneNumber),
        error: describeError(error),
      });
    }
  };

  return {
    async lookupLive(phoneNumber, timeoutMs) {
      if (!(timeoutMs > 0)) {
        return null;
      }
      const result = await once.lookup(phoneNumber, { timeoutMs });
      if (!result.ok) {
        logger.debug('live SIM swap lookup failed', {
          phoneNumber: maskPhoneNumber(phoneNumber),
          reason: result.reason,
          detail: result.detail,
        });
        return null;
      }
      // The caller's clock decides freshness, so `checkedAt` comes from it.
      const signal = toSimSwapSignal(phoneNumber, { ...result, checkedAt: opts.clock.now() });
      track(save(signal, 'live lookup'));
      return signal;
    },
    queueRefresh(phoneNumber) {
      if (refreshing.has(phoneNumber)) {
        return;
      }
      if (refreshing.size >= maxInFlight) {
        logger.debug('SIM swap refresh dropped: too many in flight', { maxInFlight });
        return;
      }
      refreshing.add(phoneNumber);
      const task = (async () => {
        const result = await retrying.lookup(phoneNumber, { timeoutMs: attemptTimeoutMs });
        if (result.ok) {
          const checkedAt = opts.clock.now();
          await save(toSimSwapSignal(phoneNumber, { ...result, checkedAt }), 'background refresh');
        } else {
          logger.warn('background SIM swap refresh failed', {
            phoneNumber: maskPhoneNumber(phoneNumber),
            reason: result.reason,
            detail: result.detail,
          });
        }
      })()
        .catch((error: unknown) => {
          logger.error('background SIM swap refresh crashed', { error: describeError(error) });
        })
        .finally(() => refreshing.delete(phoneNumber));
      track(task);
    },
    async drain(timeoutMs) {
      await withDeadline(() => Promise.allSettled([...tasks]), {
        clock: opts.clock,
        ms: timeoutMs,
        what: 'background SIM swap work',
      }).catch(() => undefined);
    },
    get pending() {
      return tasks.size;
    },
  };
}
