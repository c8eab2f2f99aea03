import { StoreUnavailableError } from '../ports/payer-snapshots.ts';
import { StoredDocumentInvalidError } from './parse-document.ts';

/**
 * Runs one store call with an authoritative deadline. The Firestore client retries UNAVAILABLE
 * on its own for far longer than a payment can wait, so the timer decides: it rejects with
 * `StoreUnavailableError` and the call is left to settle in the background (observed, never an
 * unhandled rejection). Failures of the store become `StoreUnavailableError` too; an invalid
 * stored document is a different problem and passes through unchanged.
 */
export async function storeCall<T>(
  what: string,
  timeoutMs: number,
  call: () => Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        reject(new StoreUnavailableError(`${what}: no answer within ${Math.round(timeoutMs)} ms`));
      },
      Math.max(0, timeoutMs),
    );
  });
  // `then` turns a synchronous throw of `call` into a rejection like any other.
  const work = Promise.resolve().then(call);
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (error instanceof StoreUnavailableError || error instanceof StoredDocumentInvalidError) {
      throw error;
    }
    throw new StoreUnavailableError(`${what} failed`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
