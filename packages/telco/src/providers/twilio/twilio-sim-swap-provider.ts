import { DeadlineExceededError, withDeadline, type Clock } from '@sentinel/kernel';
import { describeError } from '../describe-error.ts';
import {
  E164,
  providerFailure,
  type ProviderFailure,
  type ProviderResult,
  type SimSwapProvider,
} from '../sim-swap-provider.ts';
import type { TwilioSdk } from './twilio-sdk.ts';
import { fromTwilioSimSwap } from './twilio-sim-swap-result.ts';

export interface TwilioSimSwapProviderOptions {
  readonly id?: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** Local fake of `https://*.twilio.com` (tests, local stack); unset in production. */
  readonly baseUrl?: string;
  readonly clock: Pick<Clock, 'now' | 'setTimer'>;
}

/**
 * Twilio Lookup v2 `GET /v2/PhoneNumbers/{n}?Fields=sim_swap` through the official SDK (auto-retry
 * off: retries are the ingestion's decision). See `fromTwilioSimSwap` for how answers map; HTTP
 * errors: 404 (unknown number) → `NOT_COVERED`, 429/5xx/network → `UNAVAILABLE`, 401/403 → `ERROR`.
 */
export function twilioSimSwapProvider(opts: TwilioSimSwapProviderOptions): SimSwapProvider {
  const id = opts.id ?? 'twilio';
  // The SDK is imported when a Twilio provider is built, not with this module: a process whose
  // configuration names no Twilio provider never loads it. A failed import is tried again (and
  // reported) by the next lookup.
  let sdk: Promise<TwilioSdk> | undefined;
  const loadSdk = (): Promise<TwilioSdk> => {
    sdk ??= import('./twilio-sdk.ts').then(
      (m) => m.twilioSdk(opts),
      (error: unknown) => {
        sdk = undefined;
        throw error;
      },
    );
    return sdk;
  };
  // Started now, without waiting, so the first lookup does not spend its deadline loading it.
  loadSdk().catch(() => undefined);
  return {
    id,
    async lookup(phoneNumber, { signal, timeoutMs }): Promise<ProviderResult> {
      if (!E164.test(phoneNumber)) {
        return providerFailure('ERROR', `${id}: not an E.164 phone number`, false);
      }
      let loaded: TwilioSdk | undefined;
      // The deadline (and the caller's abort) on the injected clock; the SDK cannot be aborted, so
      // its own request timeout, set to the same budget, is what drops the HTTP request.
      return withDeadline(
        async () => {
          loaded = await loadSdk();
          const { client, withCallTimeout } = loaded;
          return withCallTimeout(timeoutMs, () =>
            client.lookups.v2.phoneNumbers(phoneNumber).fetch({ fields: 'sim_swap' }),
          );
        },
        { clock: opts.clock, ms: timeoutMs, what: id, ...(signal === undefined ? {} : { signal }) },
      ).then(
        (instance): ProviderResult => {
          // Typed boolean, but null when Twilio could not tell: only an explicit false counts.
          const valid: unknown = instance.valid;
          return valid === false
            ? providerFailure('NOT_COVERED', `${id}: Twilio says the number is not valid`, false)
            : fromTwilioSimSwap(instance.simSwap, { source: id, checkedAt: opts.clock.now() });
        },
        (error: unknown) =>
          error instanceof DeadlineExceededError
            ? providerFailure('TIMEOUT', `${id}: no answer within ${timeoutMs} ms`)
            : twilioFailure(id, error, signal, loaded),
      );
    },
  };
}

function twilioFailure(
  id: string,
  error: unknown,
  signal: AbortSignal | undefined,
  sdk: TwilioSdk | undefined,
): ProviderFailure {
  if (sdk?.isRestException(error) === true) {
    const detail = `${id}: HTTP ${error.status} code ${String(error.code ?? 'none')}`;
    if (error.status === 404) {
      return providerFailure('NOT_COVERED', detail, false);
    }
    if (error.status === 429 || error.status >= 500) {
      return providerFailure('UNAVAILABLE', detail);
    }
    return providerFailure('ERROR', detail, false);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (signal?.aborted === true || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return providerFailure('TIMEOUT', `${id}: no answer before the deadline`);
  }
  return providerFailure('UNAVAILABLE', `${id}: ${describeError(error)}`);
}
