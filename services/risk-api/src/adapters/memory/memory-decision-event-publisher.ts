import type { Logger } from '../../logger.ts';
import {
  EventPublishError,
  type DecisionEvent,
  type DecisionEventPublisher,
} from '../../ports/decision-events.ts';

/** Called with a copy of every accepted event, synchronously, in publish order. */
export type DecisionEventListener = (event: DecisionEvent) => void;

/**
 * `DecisionEventPublisher` in process memory: keeps the last `maxKept` events and fans them out
 * to listeners (the local console, tests). `setAvailable(false)` simulates a broker outage so the
 * outbox's retries can be exercised.
 */
export class MemoryDecisionEventPublisher implements DecisionEventPublisher {
  readonly #events: DecisionEvent[] = [];
  readonly #listeners = new Set<DecisionEventListener>();
  readonly #maxKept: number;
  readonly #logger: Pick<Logger, 'warn'> | undefined;
  #available = true;

  constructor(opts: { readonly maxKept?: number; readonly logger?: Pick<Logger, 'warn'> } = {}) {
    this.#maxKept = opts.maxKept ?? 1_000;
    this.#logger = opts.logger;
  }

  /** Copies of the accepted events, oldest first. */
  get events(): readonly DecisionEvent[] {
    return structuredClone(this.#events);
  }

  /** While false, `publish` rejects with `EventPublishError` and keeps nothing. */
  setAvailable(available: boolean): void {
    this.#available = available;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: DecisionEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(event: DecisionEvent): Promise<void> {
    if (!this.#available) {
      return Promise.reject(new EventPublishError('event broker is down (simulated)'));
    }
    this.#events.push(structuredClone(event));
    if (this.#events.length > this.#maxKept) {
      this.#events.splice(0, this.#events.length - this.#maxKept);
    }
    for (const listener of this.#listeners) {
      try {
        listener(structuredClone(event));
      } catch (error) {
        // A broken listener (console) must not turn an accepted event into a failed publish.
        this.#logger?.warn('decision event listener failed', {
          error,
          decisionId: event.decisionId,
        });
      }
    }
    return Promise.resolve();
  }
}
