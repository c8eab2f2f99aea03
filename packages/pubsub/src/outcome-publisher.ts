import type { PubSub } from '@google-cloud/pubsub';
import { outcomeToAvroJson, type OutcomeEvent } from '@sentinel/contracts';
import type { Clock } from '@sentinel/kernel';
import { JsonTopicPublisher } from './json-topic-publisher.ts';

/**
 * The `risk-outcomes` topic (schema `risk-outcome`, JSON encoding), one publisher for both
 * producers: the auth service (step-ups) and the risk-api (the bank's reports). Attributes:
 * `decisionId`, `source` and `schemaVersion`.
 */
export class PubSubOutcomePublisher {
  readonly #topic: JsonTopicPublisher;

  constructor(
    pubsub: PubSub,
    opts: {
      readonly topic: string;
      readonly timeoutMs: number;
      readonly clock: Pick<Clock, 'setTimer'>;
    },
  ) {
    this.#topic = new JsonTopicPublisher(pubsub, { ...opts, what: 'outcome event publish' });
  }

  publish(event: OutcomeEvent): Promise<void> {
    return this.#topic.publish(outcomeToAvroJson(event), {
      decisionId: event.decisionId,
      source: event.source,
      schemaVersion: String(event.schemaVersion),
    });
  }
}
