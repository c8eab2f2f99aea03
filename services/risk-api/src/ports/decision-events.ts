/**
 * The `risk-decisions` topic. Payloads are already pseudonymised (see events/decision-event.ts).
 * Resolves once the broker accepted the message; rejects otherwise (the outbox retries).
 */
export interface DecisionEventPublisher {
  publish(event: DecisionEvent): Promise<void>;
}

/** The event on `risk-decisions`: matches infra/pubsub/risk-decision.avsc and the BigQuery table. */
export type { DecisionEvent } from '../events/decision-event.ts';
