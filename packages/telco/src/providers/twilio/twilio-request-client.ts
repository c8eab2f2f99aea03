import { AsyncLocalStorage } from 'node:async_hooks';
import type twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type TwilioResponse from 'twilio/lib/http/response.js';

/** The deadline of the lookup in progress; the SDK has no per-call timeout of its own. */
const callTimeoutMs = new AsyncLocalStorage<number>();

/** Runs `fn` so that every Twilio HTTP request it makes times out after `timeoutMs`. */
export function withTwilioCallTimeout<T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  return callTimeoutMs.run(Math.max(1, Math.ceil(timeoutMs)), fn);
}

export type TwilioRequestClientOptions = RequestClient.RequestClientOptions & {
  readonly baseUrl?: string;
};

/**
 * The Twilio SDK's documented seam (a custom `httpClient`, ecosystem.md §8): requests keep going
 * through the SDK's own axios client, with two changes. The per-call deadline set by
 * `withTwilioCallTimeout` becomes the request timeout, and, when `baseUrl` is set (tests and the
 * local stack only), `https://lookups.twilio.com/v2/…` is sent to `{baseUrl}/lookups/v2/…`
 * instead, product first, the way Twilio's own holodeck names paths. Built on the SDK module it is
 * given, which is imported only when a Twilio provider is built (twilio-sdk.ts).
 */
export function twilioRequestClient(sdk: typeof twilio, opts: TwilioRequestClientOptions = {}) {
  return new (class TwilioRequestClient extends sdk.RequestClient {
    readonly #baseUrl: string | undefined;

    constructor() {
      const { baseUrl, ...clientOpts } = opts;
      super(clientOpts);
      this.#baseUrl = baseUrl?.replace(/\/+$/, '');
    }

    override request<TData>(
      opts: RequestClient.RequestOptions<TData>,
    ): Promise<TwilioResponse.default<TData>> {
      const timeout = callTimeoutMs.getStore() ?? opts.timeout;
      return super.request({
        ...opts,
        uri: this.#rewrite(opts.uri),
        ...(timeout === undefined ? {} : { timeout }),
      });
    }

    #rewrite(uri: string): string {
      if (this.#baseUrl === undefined) {
        return uri;
      }
      const url = new URL(uri);
      if (!url.hostname.endsWith('.twilio.com')) {
        return uri;
      }
      const product = url.hostname.split('.')[0] ?? '';
      return `${this.#baseUrl}/${product}${url.pathname}${url.search}`;
    }
  })();
}
