import { AuthError } from '../http/problem.ts';
import { CodeProviderError } from '../ports/one-time-codes.ts';

/** The per-challenge limits (RTS Art. 4(3)(a): at most 5 failed attempts in a row). */
export const MAX_ATTEMPTS = 5;
/** A resend never resets attempts; three codes per challenge are plenty for a real customer. */
export const MAX_SENDS = 3;

// The refusals the challenge service raises in several places, worded once.
export const notFound = () => new AuthError('AUTH.CHALLENGE_NOT_FOUND', 'No such challenge');
export const exhausted = () =>
  new AuthError('AUTH.ATTEMPTS_EXHAUSTED', 'The challenge failed after too many attempts');
export const sendsExhausted = () =>
  new AuthError('AUTH.SENDS_EXHAUSTED', `At most ${MAX_SENDS} codes are sent per challenge`);

export function providerDown(error: unknown): never {
  if (error instanceof CodeProviderError) {
    throw new AuthError('AUTH.PROVIDER_UNAVAILABLE', 'The code provider does not answer; retry', {
      cause: error,
    });
  }
  throw error;
}
