import type { Clock } from './clock.ts';

/** Thrown when a dependency did not answer within the time the request had left. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  readonly code = 'RISK.DEADLINE_EXCEEDED';
}

export interface DeadlineOptions {
  readonly clock: Pick<Clock, 'setTimer'>;
  /** Time the work may take, in `clock` milliseconds. */
  readonly ms: number;
  /** Names the work in the error message (never a phone number or key). */
  readonly what: string;
  /** The caller giving up early: rejects with its reason and aborts the work. */
  readonly signal?: AbortSignal;
}

/** For `.catch`: a deadline that passed is not a failure (a best-effort step); anything else is. */
export function unlessDeadline(error: unknown): void {
  if (!(error instanceof DeadlineExceededError)) {
    throw error;
  }
}

/**
 * Runs `work` with a deadline on the injected clock: settles with its result, or at the deadline
 * rejects with `DeadlineExceededError` and aborts the signal handed to `work` so it can drop its
 * request. A late answer is left to settle on its own (its rejection is observed, never
 * unhandled). The one deadline race of the code base; everything with a budget goes through it.
 */
export function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  opts: DeadlineOptions,
): Promise<T> {
  const controller = new AbortController();
  if (opts.signal?.aborted === true) {
    controller.abort(opts.signal.reason);
    return Promise.reject(opts.signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const finish = (): void => {
      cancelTimer();
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      controller.abort(opts.signal?.reason);
      reject(opts.signal?.reason as Error);
    };
    const cancelTimer = opts.clock.setTimer(opts.ms, () => {
      opts.signal?.removeEventListener('abort', onAbort);
      const error = new DeadlineExceededError(
        `${opts.what} took longer than ${Math.round(Math.max(0, opts.ms))} ms`,
      );
      controller.abort(error);
      reject(error);
    });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // `then` turns a synchronous throw of `work` into a rejection like any other.
    Promise.resolve()
      .then(() => work(controller.signal))
      .then(
        (value) => {
          finish();
          resolve(value);
        },
        (error: unknown) => {
          finish();
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the work's own rejection, passed through unchanged
          reject(error);
        },
      );
  });
}
