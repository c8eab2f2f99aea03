import twilio from 'twilio';
import { TwilioRequestClient, withTwilioCallTimeout } from './twilio-request-client.ts';

/** The Lookup v2 client of one account, and how to recognise the SDK's HTTP errors. */
export interface TwilioSdk {
  readonly client: twilio.Twilio;
  readonly isRestException: (error: unknown) => error is twilio.RestException;
  readonly withCallTimeout: typeof withTwilioCallTimeout;
}

/**
 * The Twilio SDK (about 8 MB of JavaScript) for one account, auto-retry off (retries are the
 * ingestion's decision). Imported by `twilioSimSwapProvider` on its first lookup only, so a
 * process configured without Twilio never loads it.
 */
export function twilioSdk(opts: {
  readonly accountSid: string;
  readonly authToken: string;
  readonly baseUrl?: string;
}): TwilioSdk {
  const client = twilio(opts.accountSid, opts.authToken, {
    httpClient: new TwilioRequestClient(
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
