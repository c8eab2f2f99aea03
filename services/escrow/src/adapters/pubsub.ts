import { readFile } from 'node:fs/promises';
import { Encodings, SchemaTypes, type PubSub, type Topic } from '@google-cloud/pubsub';
import { escrowEventToAvroJson, type EscrowEvent } from '@sentinel/contracts';
import { withDeadline, type Clock } from '@sentinel/kernel';
import type { EscrowEventPublisher } from '../app/ports.ts';

// gRPC status ALREADY_EXISTS.
const ALREADY_EXISTS = 6;

/**
 * `EscrowEventPublisher` on Pub/Sub: Avro JSON bodies (topic schema `escrow-event`, JSON
 * encoding) with `escrowId`, `decisionId`, `type` and `eventId` attributes. No ordering key (a
 * failed publish would pause the key): consumers order by `sequence` and dedupe on `eventId`.
 */
export class PubSubEscrowEventPublisher implements EscrowEventPublisher {
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
    this.#topic = pubsub.topic(opts.topic, {
      batching: { maxMessages: 100, maxMilliseconds: 5 },
      gaxOpts: { timeout: opts.timeoutMs },
    });
  }

  async publish(event: EscrowEvent): Promise<void> {
    const data = Buffer.from(JSON.stringify(escrowEventToAvroJson(event)), 'utf8');
    await withDeadline(
      () =>
        this.#topic.publishMessage({
          data,
          attributes: {
            escrowId: event.escrowId,
            decisionId: event.decisionId,
            type: event.type,
            eventId: event.eventId,
          },
        }),
      { clock: this.#clock, ms: this.#timeoutMs, what: 'escrow event publish' },
    );
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
  const definition = await readFile(opts.avscPath, 'utf8');
  await tolerateExisting(pubsub.createSchema(opts.schemaId, SchemaTypes.Avro, definition));
  const schemaName = await pubsub.schema(opts.schemaId).getName();
  await tolerateExisting(
    pubsub.createTopic({
      name: opts.topic,
      schemaSettings: { schema: schemaName, encoding: Encodings.Json },
    }),
  );
  await tolerateExisting(pubsub.createTopic(opts.deadLetterTopic));
}

async function tolerateExisting(creation: Promise<unknown>): Promise<void> {
  try {
    await creation;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== ALREADY_EXISTS) {
      throw error;
    }
  }
}
