import type { OutcomeEvent } from '@sentinel/contracts';
import type { OutcomePublisher } from '../ports/outcome-publisher.ts';

/** Keeps published outcome events in memory (local runs without Pub/Sub, tests). */
export class MemoryOutcomePublisher implements OutcomePublisher {
  readonly events: OutcomeEvent[] = [];
  #failures = 0;

  /** The next `n` publishes reject, as while Pub/Sub is down. */
  failNext(n: number): void {
    this.#failures = n;
  }

  publish(event: OutcomeEvent): Promise<void> {
    if (this.#failures > 0) {
      this.#failures--;
      return Promise.reject(new Error('publish refused (simulated outage)'));
    }
    this.events.push(event);
    return Promise.resolve();
  }
}
