import { withDeadline, type Clock, type Logger } from '@sentinel/kernel';

/**
 * Work that the answer does not wait for (event delivery, history). Tracked so a graceful
 * shutdown can wait for it; failures are logged, and the outbox sweep retries what matters.
 *
 * A task starts on the event loop's next check phase (`setImmediate`), not inside `run`: by then
 * the request that ran it has been answered — its answer is written by the microtasks that follow
 * `run` in the same turn — so no answer waits for the synchronous start of a delivery (the event
 * built and pseudonymised, the publish and writes queued). Measured in memory at concurrency 1:
 * 35 µs of a 217 µs round trip; no change at higher concurrency, where the same work is done
 * anyway, nor on the emulators (docs/performance-log.md, issue 17's ninth session).
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
      // A task that throws instead of returning a promise is a failed task like any other.
      const p = afterThisTurn()
        .then(task)
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

/** Resolves on the event loop's next check phase, after this turn's I/O callbacks and microtasks. */
function afterThisTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
