import type { PubSub, Topic } from '@google-cloud/pubsub';
import { escrowEventToAvroJson, type EscrowEvent } from '@sentinel/contracts';
import type { Clock } from '@sentinel/kernel';
import { ensureAvroTopic, JsonTopicPublisher, tolerateExisting } from '@sentinel/pubsub';
import type { EscrowEventPublisher } from '../app/ports.ts';

/**
 * `EscrowEventPublisher` on Pub/Sub: Avro JSON bodies (topic schema `escrow-event`, JSON
 * encoding) with `escrowId`, `decisionId`, `type` and `eventId` attributes. No ordering key (a
 * failed publish would pause the key): consumers order by `sequence` and dedupe on `eventId`.
 */
export class PubSubEscrowEventPublisher implements EscrowEventPublisher {
  readonly #topic: JsonTopicPublisher;

  constructor(
    pubsub: PubSub,
    opts: {
      readonly topic: string;
      readonly timeoutMs: number;
      readonly clock: Pick<Clock, 'setTimer'>;
    },
  ) {
    this.#topic = new JsonTopicPublisher(pubsub, { ...opts, what: 'escrow event publish' });
  }

  publish(event: EscrowEvent): Promise<void> {
    return this.#topic.publish(escrowEventToAvroJson(event), {
      escrowId: event.escrowId,
      decisionId: event.decisionId,
      type: event.type,
      eventId: event.eventId,
    });
  }
}

/** Where messages the functions cannot read go: never retried, kept for a person to look at. */
export interface DeadLetters {
  publish(source: string, reason: string, message: PushedMessage): Promise<void>;
}

/** A Pub/Sub message as a push subscription (or Eventarc) hands it over. */
export interface PushedMessage {
  readonly data?: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly messageId?: string;
}

/** Dead letters on a topic of their own (`escrow-dead-letters`), the message as it came. */
export class PubSubDeadLetters implements DeadLetters {
  readonly #topic: Topic;

  constructor(pubsub: PubSub, topic: string) {
    this.#topic = pubsub.topic(topic);
  }

  async publish(source: string, reason: string, message: PushedMessage): Promise<void> {
    await this.#topic.publishMessage({
      data: Buffer.from(message.data ?? '', 'base64'),
      attributes: {
        ...message.attributes,
        deadLetterSource: source,
        deadLetterReason: reason.slice(0, 1024),
        originalMessageId: message.messageId ?? '',
      },
    });
  }
}

/**
 * Creates the escrow-events schema and topic and the dead-letter topic when missing: `npm start`
 * and tests; production creates them with infrastructure code.
 */
export async function ensureEscrowTopics(
  pubsub: PubSub,
  opts: {
    readonly topic: string;
    readonly schemaId: string;
    readonly avscPath: URL;
    readonly deadLetterTopic: string;
  },
): Promise<void> {
  await ensureAvroTopic(pubsub, opts);
  await tolerateExisting(pubsub.createTopic(opts.deadLetterTopic));
}
