import type { OutcomeEvent } from '@sentinel/contracts';

/**
 * The `risk-outcomes` topic. Resolves once the broker accepted the event; rejects otherwise (the
 * outcome outbox keeps the entry and the sweep retries it).
 */
export interface OutcomePublisher {
  publish(event: OutcomeEvent): Promise<void>;
}
