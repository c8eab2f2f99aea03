import type { DecisionEvent } from './decision-event-schema.ts';

/**
 * The `risk-decisions` topic. Payloads are already pseudonymised (see events/decision-event.ts).
 * Resolves once the broker accepted the message; rejects otherwise (the outbox retries), at the
 * latest after the adapter's publish timeout — a publish never hangs.
 */
export interface DecisionEventPublisher {
  publish(event: DecisionEvent): Promise<void>;
}

/** Thrown by publishers when the broker refused the event or did not confirm it in time. */
export class EventPublishError extends Error {
  override readonly name = 'EventPublishError';
  readonly code = 'RISK.EVENT_PUBLISH_FAILED';
}
