import { outcomeToAvroJson, parseOutcomeEvent, type OutcomeEvent } from '@sentinel/contracts';
import type { OutcomeEventPublisher } from '../../ports/outcome-event-publisher.ts';

/**
 * `OutcomeEventPublisher` in process memory (`npm start` without emulators, tests). Keeps each
 * event as the message body Pub/Sub would carry and reads it back with the consumers' parser.
 */
export class MemoryOutcomeEventPublisher implements OutcomeEventPublisher {
  readonly #bodies: string[] = [];
  #available = true;

  /** The accepted events, oldest first. */
  get events(): readonly OutcomeEvent[] {
    return this.#bodies.map((body) => parseOutcomeEvent(JSON.parse(body)));
  }

  /** While false, `publish` rejects and keeps nothing (a broker outage). */
  setAvailable(available: boolean): void {
    this.#available = available;
  }

  publish(event: OutcomeEvent): Promise<void> {
    if (!this.#available) {
      return Promise.reject(new Error('outcome broker is down (simulated)'));
    }
    this.#bodies.push(JSON.stringify(outcomeToAvroJson(event)));
    return Promise.resolve();
  }
}
