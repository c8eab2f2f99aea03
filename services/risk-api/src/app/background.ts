import { withDeadline, type Clock, type Logger } from '@sentinel/kernel';

/**
 * Work that the answer does not wait for (event delivery, history). Tracked so a graceful
 * shutdown can wait for it; failures are logged, and the outbox sweep retries what matters.
 */
export interface Background {
  run(label: string, task: () => Promise<unknown>): void;
  /** Resolves when everything started so far has settled (or `timeoutMs` passed). */
  drain(timeoutMs: number): Promise<void>;
  readonly size: number;
}

export function createBackground(logger: Logger, clock: Pick<Clock, 'setTimer'>): Background {
  const inFlight = new Set<Promise<unknown>>();
  return {
    run(label, task) {
      const p = task()
        .catch((error: unknown) => {
          logger.warn('background task failed; the outbox will retry', { task: label, error });
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    async drain(timeoutMs) {
      await withDeadline(() => Promise.allSettled([...inFlight]), {
        clock,
        ms: timeoutMs,
        what: 'background work',
      }).catch(() => undefined);
    },
    get size() {
      return inFlight.size;
    },
  };
}
