/**
 * Not a deadline (those go through kernel `withDeadline` on the injected clock): a caller's
 * abort while it shares a promise others still wait for (a token request in flight).
 * Settles with `promise`, or with `onAbort()` as soon as `signal` fires, whichever comes first.
 * `promise` must not reject (callers pass results-as-data); it is left to settle on its own.
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onAbort: () => T,
): Promise<T> {
  if (signal.aborted) {
    return Promise.resolve(onAbort());
  }
  return new Promise((resolve) => {
    const abort = () => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    void promise.then((value) => {
      signal.removeEventListener('abort', abort);
      resolve(value);
    });
  });
}
