import { describeError } from '../describe-error.ts';
import { providerFailure, type SimSwapProvider } from '../sim-swap-provider.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';

/**
 * Calls the provider only when the breaker allows it; otherwise `CIRCUIT_OPEN` at once. Any
 * failure except `NOT_COVERED` counts against the provider (a number it does not serve says
 * nothing about its health), and so does a `TIMEOUT`, unless the call was given less than
 * `minJudgedTimeoutMs`: a hot-path call allowed 25 ms by a payment's budget that gets no answer
 * from an operator whose normal latency is 100 ms is not evidence of an outage, and must not open
 * the circuit that the background refreshes (2 s deadlines) rely on. Put `withHardTimeout`
 * inside, so a probe always ends.
 */
export function withCircuitBreaker(
  provider: SimSwapProvider,
  breaker: CircuitBreaker,
  opts: { readonly minJudgedTimeoutMs?: number } = {},
): SimSwapProvider {
  const minJudged = opts.minJudgedTimeoutMs ?? 0;
  return {
    id: provider.id,
    async lookup(phoneNumber, lookupOpts) {
      const permit = breaker.acquire();
      if (permit === null) {
        return providerFailure('CIRCUIT_OPEN', `${provider.id}: circuit open`, false);
      }
      const result = await provider
        .lookup(phoneNumber, lookupOpts)
        .catch((error: unknown) =>
          providerFailure('ERROR', `${provider.id}: provider threw ${describeError(error)}`),
        );
      if (result.ok || result.reason === 'NOT_COVERED') {
        permit.success();
      } else if (result.reason === 'TIMEOUT' && lookupOpts.timeoutMs < minJudged) {
        permit.release();
      } else {
        permit.failure();
      }
      return result;
    },
  };
}
