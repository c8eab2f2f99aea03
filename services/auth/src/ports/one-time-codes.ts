/** Where a one-time code goes: a text message to the customer's phone, or an e-mail. */
export type CodeChannel = 'sms' | 'email';

/** What the code is for: Twilio Verify puts it in the message (PSD2 dynamic linking). */
export interface CodePayment {
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly payee: string | null;
}

/** The code provider failed or did not answer: the request can be retried, nothing was decided. */
export class CodeProviderError extends Error {
  override readonly name = 'CodeProviderError';
}

/**
 * One-time codes sent and checked by a provider that keeps them (Twilio Verify): this service
 * never sees nor stores a code. `to` is an E.164 number or an e-mail address.
 */
export interface OneTimeCodes {
  send(to: string, channel: CodeChannel, payment: CodePayment): Promise<void>;
  /** True when the code is the one sent to `to` and still valid; false for any other code. */
  check(to: string, code: string): Promise<boolean>;
}
