import { DeadlineExceededError, withDeadline, type Clock } from '@sentinel/kernel';
import { StoreUnavailableError } from '../ports/payer-snapshots.ts';
import { StoredDocumentInvalidError } from './parse-document.ts';

/**
 * Runs one store call with an authoritative deadline on `clock`. The Firestore client retries
 * UNAVAILABLE on its own for far longer than a payment can wait, so the deadline decides: it
 * rejects with `StoreUnavailableError` and the call is left to settle in the background
 * (observed, never an unhandled rejection). Failures of the store become `StoreUnavailableError`
 * too; an invalid stored document is a different problem and passes through unchanged.
 */
export async function storeCall<T>(
  what: string,
  deadline: { readonly timeoutMs: number; readonly clock: Pick<Clock, 'setTimer'> },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await withDeadline(call, { clock: deadline.clock, ms: deadline.timeoutMs, what });
  } catch (error) {
    if (error instanceof DeadlineExceededError) {
      throw new StoreUnavailableError(
        `${what}: no answer within ${Math.round(deadline.timeoutMs)} ms`,
      );
    }
    if (error instanceof StoreUnavailableError || error instanceof StoredDocumentInvalidError) {
      throw error;
    }
    throw new StoreUnavailableError(`${what} failed`, { cause: error });
  }
}
