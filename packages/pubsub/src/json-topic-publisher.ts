import type { PubSub, Topic } from '@google-cloud/pubsub';
import { withDeadline, type Clock } from '@sentinel/kernel';

/**
 * Publishes JSON bodies (a topic's Avro JSON encoding) with attributes, each within a deadline:
 * resolves once the broker accepted the message, rejects otherwise (the caller's outbox keeps it).
 * The outcome and escrow event publishers are this with their contract's body and attributes.
 */
export class JsonTopicPublisher {
  readonly #topic: Topic;
  readonly #timeoutMs: number;
  readonly #clock: Pick<Clock, 'setTimer'>;
  readonly #what: string;

  constructor(
    pubsub: PubSub,
    opts: {
      readonly topic: string;
      readonly timeoutMs: number;
      readonly clock: Pick<Clock, 'setTimer'>;
      /** Names the publish in a deadline error ("outcome event publish"). */
      readonly what: string;
    },
  ) {
    this.#timeoutMs = opts.timeoutMs;
    this.#clock = opts.clock;
    this.#what = opts.what;
    this.#topic = pubsub.topic(opts.topic, {
      batching: { maxMessages: 100, maxMilliseconds: 5 },
      gaxOpts: { timeout: opts.timeoutMs },
    });
  }

  async publish(body: unknown, attributes: Readonly<Record<string, string>>): Promise<void> {
    const data = Buffer.from(JSON.stringify(body), 'utf8');
    await withDeadline(() => this.#topic.publishMessage({ data, attributes: { ...attributes } }), {
      clock: this.#clock,
      ms: this.#timeoutMs,
      what: this.#what,
    });
  }
}
