import type { OutcomeEvent } from '@sentinel/contracts';

/**
 * The `risk-outcomes` topic. Resolves once the broker accepted the event; rejects otherwise (the
 * report's outbox entry stays and the relay's sweep retries it).
 */
export interface OutcomeEventPublisher {
  publish(event: OutcomeEvent): Promise<void>;
}
