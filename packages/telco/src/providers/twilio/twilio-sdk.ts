import type twilio from 'twilio';
import { twilioRequestClient, withTwilioCallTimeout } from './twilio-request-client.ts';

/** The Lookup v2 client of one account, and how to recognise the SDK's HTTP errors. */
export interface TwilioSdk {
  readonly client: twilio.Twilio;
  readonly isRestException: (error: unknown) => error is twilio.RestException;
  readonly withCallTimeout: typeof withTwilioCallTimeout;
}

/**
 * The Twilio SDK (about 8 MB of JavaScript) for one account, auto-retry off (retries are the
 * ingestion's decision). Loaded when `twilioSimSwapProvider` builds a provider, so a process
 * configured without Twilio never reads it; imported dynamically so that the esbuild bundle, which
 * leaves `twilio` installed beside it (scripts/bundle.ts), does not load it at start-up either.
 */
export async function twilioSdk(opts: {
  readonly accountSid: string;
  readonly authToken: string;
  readonly baseUrl?: string;
}): Promise<TwilioSdk> {
  const { default: twilio } = await import('twilio');
  const client = twilio(opts.accountSid, opts.authToken, {
    httpClient: twilioRequestClient(
      twilio,
      opts.baseUrl === undefined ? {} : { baseUrl: opts.baseUrl },
    ),
    autoRetry: false,
  });
  return {
    client,
    isRestException: (error): error is twilio.RestException =>
      error instanceof twilio.RestException,
    withCallTimeout: withTwilioCallTimeout,
  };
}
