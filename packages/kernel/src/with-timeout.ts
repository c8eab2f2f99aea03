/** Thrown when a dependency did not answer within the time the request had left. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  readonly code = 'RISK.DEADLINE_EXCEEDED';
}

/**
 * Races `promise` against a timer. The timer wins with `DeadlineExceededError`; the promise is
 * left to settle on its own (its rejection is observed so it never becomes unhandled).
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        reject(new DeadlineExceededError(`${what} took longer than ${Math.round(ms)} ms`));
      },
      Math.max(0, ms),
    );
  });
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
