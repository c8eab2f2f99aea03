import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import {
  CodeProviderError,
  type CodeChannel,
  type CodePayment,
  type OneTimeCodes,
} from '../ports/one-time-codes.ts';
import type { TwilioConfig } from '../config.ts';

// Twilio Verify: 20404 = no pending verification for `to` (expired, approved, or never sent);
// 60202 = max check attempts reached; 60200 = invalid parameter (a malformed code).
const NOT_A_MATCH = new Set([20404, 60200, 60202]);

/**
 * The twilio client's supported extension point is `httpClient`: every request of every resource
 * goes through its `request(opts)` with the absolute `https://verify.twilio.com/...` URI (`edge`
 * and `region` only rename the host within twilio.com). This one sends the same request to
 * `baseUrl` instead: the local fake in tests and `npm start`, never in production.
 */
class RebasedRequestClient extends twilio.RequestClient {
  readonly #base: URL;

  constructor(baseUrl: string) {
    super({ timeout: 5_000 });
    this.#base = new URL(baseUrl);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    uri.protocol = this.#base.protocol;
    uri.host = this.#base.host;
    return super.request<TData>({ ...opts, uri: uri.href });
  }
}

/** `OneTimeCodes` on Twilio Verify (v2), with the real `twilio` client. */
export function twilioVerify(config: TwilioConfig): OneTimeCodes {
  const client = twilio(config.accountSid, config.authToken, {
    ...(config.baseUrl === undefined
      ? {}
      : { httpClient: new RebasedRequestClient(config.baseUrl) }),
  });
  const service = client.verify.v2.services(config.serviceSid);
  return {
    async send(to: string, channel: CodeChannel, payment: CodePayment): Promise<void> {
      try {
        await service.verifications.create({
          to,
          channel,
          // Verify's PSD2 mode puts amount and payee in the message (dynamic linking).
          amount: formatAmount(payment.amount),
          ...(payment.payee === null ? {} : { payee: payment.payee }),
        });
      } catch (error) {
        throw new CodeProviderError('Twilio Verify did not send the code', { cause: error });
      }
    },
    async check(to: string, code: string): Promise<boolean> {
      try {
        const result = await service.verificationChecks.create({ to, code });
        return result.status === 'approved';
      } catch (error) {
        if (NOT_A_MATCH.has((error as { code?: unknown } | null)?.code as number)) {
          return false;
        }
        throw new CodeProviderError('Twilio Verify did not check the code', { cause: error });
      }
    },
  };
}

/** `12500 ZAR` → `ZAR 125.00` for the message; minor units are assumed to be cents. */
function formatAmount(amount: CodePayment['amount']): string {
  return `${amount.currency} ${(amount.minor / 100).toFixed(2)}`;
}
