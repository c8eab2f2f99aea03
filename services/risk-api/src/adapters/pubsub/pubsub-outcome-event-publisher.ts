import type { PubSub, Topic } from '@google-cloud/pubsub';
import { outcomeToAvroJson, type OutcomeEvent } from '@sentinel/contracts';
import { withDeadline, type Clock } from '@sentinel/kernel';
import type { OutcomeEventPublisher } from '../../ports/outcome-event-publisher.ts';

/**
 * `OutcomeEventPublisher` on Pub/Sub: Avro JSON bodies (topic schema `risk-outcome`, JSON
 * encoding) with `decisionId`, `source` and `schemaVersion` attributes. The auth service publishes
 * its own outcomes on the same topic with the same contract (`outcomeToAvroJson`).
 */
export class PubSubOutcomeEventPublisher implements OutcomeEventPublisher {
  readonly #topic: Topic;
  readonly #timeoutMs: number;
  readonly #clock: Pick<Clock, 'setTimer'>;

  constructor(
    pubsub: PubSub,
    opts: {
      readonly topic: string;
      readonly timeoutMs: number;
      readonly clock: Pick<Clock, 'setTimer'>;
    },
  ) {
    this.#timeoutMs = opts.timeoutMs;
    this.#clock = opts.clock;
    this.#topic = pubsub.topic(opts.topic, { gaxOpts: { timeout: opts.timeoutMs } });
  }

  async publish(event: OutcomeEvent): Promise<void> {
    const data = Buffer.from(JSON.stringify(outcomeToAvroJson(event)), 'utf8');
    await withDeadline(
      () =>
        this.#topic.publishMessage({
          data,
          attributes: {
            decisionId: event.decisionId,
            source: event.source,
            schemaVersion: String(event.schemaVersion),
          },
        }),
      { clock: this.#clock, ms: this.#timeoutMs, what: 'outcome event publish' },
    );
  }
}
