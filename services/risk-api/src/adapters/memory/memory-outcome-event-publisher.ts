import { outcomeToAvroJson, parseOutcomeEvent, type OutcomeEvent } from '@sentinel/contracts';
import { RecentList } from '@sentinel/kernel';
import type { OutcomeEventPublisher } from '../../ports/outcome-event-publisher.ts';

/** Called with every accepted event, synchronously, in publish order. */
export type OutcomeEventListener = (event: OutcomeEvent) => void;

/**
 * `OutcomeEventPublisher` in process memory (`npm start` without emulators, tests). Keeps the last
 * `maxKept` events (default 1,000, like the decision publisher: a long-running local stack stays
 * bounded) as the message bodies Pub/Sub would carry and reads them back with the consumers' parser.
 */
export class MemoryOutcomeEventPublisher implements OutcomeEventPublisher {
  readonly #bodies: RecentList<string>;
  readonly #listeners = new Set<OutcomeEventListener>();
  #available = true;

  constructor(opts: { readonly maxKept?: number } = {}) {
    this.#bodies = new RecentList(opts.maxKept ?? 1_000);
  }

  /** The accepted events, oldest first. */
  get events(): readonly OutcomeEvent[] {
    return this.#bodies.toArray().map((body) => parseOutcomeEvent(JSON.parse(body)));
  }

  /** While false, `publish` rejects and keeps nothing (a broker outage). */
  setAvailable(available: boolean): void {
    this.#available = available;
  }

  /** Listeners hear every accepted event (the local console's feed); returns the unsubscribe. */
  subscribe(listener: OutcomeEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(event: OutcomeEvent): Promise<void> {
    if (!this.#available) {
      return Promise.reject(new Error('outcome broker is down (simulated)'));
    }
    const body = JSON.stringify(outcomeToAvroJson(event));
    this.#bodies.push(body);
    for (const listener of this.#listeners) {
      // A listener (the console's feed) must not turn an accepted event into a failed publish.
      try {
        listener(parseOutcomeEvent(JSON.parse(body)));
      } catch {
        // The feed is a view; the event itself was accepted.
      }
    }
    return Promise.resolve();
  }
}
