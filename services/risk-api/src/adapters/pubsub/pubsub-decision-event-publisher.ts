import type { PubSub, Topic } from '@google-cloud/pubsub';
import { toAvroJson } from '@sentinel/contracts';
import { DeadlineExceededError, systemClock, withDeadline, type Clock } from '@sentinel/kernel';
import {
  EventPublishError,
  type DecisionEvent,
  type DecisionEventPublisher,
} from '@sentinel/contracts';

/** SPEC §8. */
export const DEFAULT_DECISIONS_TOPIC = 'risk-decisions';

/** Options of `PubSubDecisionEventPublisher`. */
export interface PubSubPublisherOptions {
  /** Topic id in the client's project; default `risk-decisions`. */
  readonly topic?: string;
  /** Reject after this long so the outbox keeps the entry (default 2000 ms). */
  readonly timeoutMs?: number;
  /** How long a message may wait for others to share its request (default 5 ms). */
  readonly maxBatchDelayMs?: number;
  /** Times the publish deadline (default: the system clock). */
  readonly clock?: Pick<Clock, 'setTimer'>;
}

/**
 * `DecisionEventPublisher` on Pub/Sub: Avro JSON bodies (topic schema `risk-decision`) with the
 * `decisionId`, `schemaVersion` and `escrowHeld` as attributes.
 *
 * No ordering key. Per decision it would order nothing (one message per decision); per user it
 * would serialise each user's publishes (one batch in flight per key) and pause the key after any
 * failure until `resumePublishing` — a stall the outbox would have to manage — while BigQuery,
 * the consumer, ignores arrival order anyway (`decidedAt` orders the rows).
 */
export class PubSubDecisionEventPublisher implements DecisionEventPublisher {
  readonly #topic: Topic;
  readonly #timeoutMs: number;
  readonly #clock: Pick<Clock, 'setTimer'>;
  #confirmed = 0;

  /** Publishes the broker confirmed so far (tests wait on it instead of sleeping). */
  get confirmed(): number {
    return this.#confirmed;
  }

  constructor(pubsub: PubSub, opts: PubSubPublisherOptions = {}) {
    this.#timeoutMs = opts.timeoutMs ?? 2_000;
    this.#clock = opts.clock ?? systemClock;
    this.#topic = pubsub.topic(opts.topic ?? DEFAULT_DECISIONS_TOPIC, {
      // Latency over throughput: a decision event waits at most a few ms for company.
      batching: { maxMessages: 100, maxMilliseconds: opts.maxBatchDelayMs ?? 5 },
      // Bounds the client's own retries too, so a long outage does not pile up pending publishes.
      gaxOpts: { timeout: this.#timeoutMs },
    });
  }

  async publish(event: DecisionEvent): Promise<void> {
    const data = Buffer.from(JSON.stringify(toAvroJson(event)), 'utf8');
    try {
      await withDeadline(
        () =>
          this.#topic.publishMessage({
            data,
            attributes: {
              decisionId: event.decisionId,
              schemaVersion: String(event.schemaVersion),
              // The escrow's push subscription filters on it (attributes.escrowHeld = "true").
              escrowHeld: String(event.escrowHeld),
            },
          }),
        { clock: this.#clock, ms: this.#timeoutMs, what: 'decision event publish' },
      );
      this.#confirmed++;
    } catch (error) {
      throw error instanceof DeadlineExceededError
        ? new EventPublishError(`publish not confirmed within ${this.#timeoutMs} ms`)
        : new EventPublishError('the broker refused the decision event', { cause: error });
    }
  }

  /** Sends whatever is still batched; call on shutdown. */
  async flush(): Promise<void> {
    await this.#topic.flush();
  }
}
