import { DeadlineExceededError, withDeadline, type Clock } from '@sentinel/kernel';
import {
  providerFailure,
  type LookupOptions,
  type ProviderResult,
  type SimSwapProvider,
} from '../sim-swap-provider.ts';
import { describeError } from '../describe-error.ts';

// On kernel withDeadline, not cockatiel 4's TimeoutPolicy: that one times on a bare setTimeout
// (no clock option), this one on the injected clock.
/**
 * Guarantees the deadline from outside: after `timeoutMs` of `clock` time the call resolves
 * `TIMEOUT` whatever the provider does, and the provider's signal is aborted so it can drop its
 * HTTP request. A provider that rejects (a bug, not an expected failure) resolves `ERROR`: nothing
 * above this wrapper has to handle exceptions. `maxTimeoutMs` caps what callers ask for.
 */
export function withHardTimeout(
  provider: SimSwapProvider,
  opts: { readonly clock: Pick<Clock, 'setTimer'>; readonly maxTimeoutMs?: number },
): SimSwapProvider {
  return {
    id: provider.id,
    async lookup(phoneNumber, { signal, timeoutMs }: LookupOptions): Promise<ProviderResult> {
      const budget = Math.max(0, Math.min(timeoutMs, opts.maxTimeoutMs ?? Infinity));
      if (signal?.aborted === true) {
        return providerFailure('TIMEOUT', `${provider.id}: aborted before the call`);
      }
      if (budget === 0) {
        return providerFailure('TIMEOUT', `${provider.id}: no time left for the call`);
      }
      try {
        return await withDeadline(
          (aborted) => provider.lookup(phoneNumber, { signal: aborted, timeoutMs: budget }),
          {
            clock: opts.clock,
            ms: budget,
            what: provider.id,
            ...(signal === undefined ? {} : { signal }),
          },
        );
      } catch (error) {
        if (error instanceof DeadlineExceededError) {
          return providerFailure('TIMEOUT', `${provider.id}: no answer within ${budget} ms`);
        }
        if (error === signal?.reason) {
          return providerFailure('TIMEOUT', `${provider.id}: aborted by the caller`);
        }
        return providerFailure('ERROR', `${provider.id}: provider threw ${describeError(error)}`);
      }
    },
  };
}
