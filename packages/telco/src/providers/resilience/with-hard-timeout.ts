import {
  providerFailure,
  type LookupOptions,
  type ProviderResult,
  type SimSwapProvider,
} from '../sim-swap-provider.ts';
import { describeError } from '../describe-error.ts';

/**
 * Guarantees the deadline from outside: after `timeoutMs` the call resolves `TIMEOUT` whatever the
 * provider does, and the provider's signal is aborted so it can drop its HTTP request. A provider
 * that rejects (a bug, not an expected failure) resolves `ERROR`: nothing above this wrapper has to
 * handle exceptions. `maxTimeoutMs` caps what callers ask for.
 */
export function withHardTimeout(
  provider: SimSwapProvider,
  opts: { readonly maxTimeoutMs?: number } = {},
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
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const stopped = new Promise<ProviderResult>((resolve) => {
        timer = setTimeout(() => {
          controller.abort(new DOMException('provider deadline', 'TimeoutError'));
          resolve(providerFailure('TIMEOUT', `${provider.id}: no answer within ${budget} ms`));
        }, budget);
        onAbort = () => {
          controller.abort(signal?.reason);
          resolve(providerFailure('TIMEOUT', `${provider.id}: aborted by the caller`));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      const call = Promise.resolve()
        .then(() => provider.lookup(phoneNumber, { signal: controller.signal, timeoutMs: budget }))
        .catch((error: unknown) =>
          providerFailure('ERROR', `${provider.id}: provider threw ${describeError(error)}`),
        );
      try {
        return await Promise.race([call, stopped]);
      } finally {
        clearTimeout(timer);
        if (onAbort !== undefined) {
          signal?.removeEventListener('abort', onAbort);
        }
      }
    },
  };
}
