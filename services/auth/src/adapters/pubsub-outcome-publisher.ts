import { readFile } from 'node:fs/promises';
import { Encodings, SchemaTypes, type PubSub, type Topic } from '@google-cloud/pubsub';
import { outcomeToAvroJson, type OutcomeEvent } from '@sentinel/contracts';
import { withDeadline, type Clock } from '@sentinel/kernel';
import type { OutcomePublisher } from '../ports/outcome-publisher.ts';

// gRPC status ALREADY_EXISTS.
const ALREADY_EXISTS = 6;

/**
 * `OutcomePublisher` on Pub/Sub: Avro JSON bodies (topic schema `risk-outcome`, JSON encoding)
 * with the `decisionId` attribute.
 */
export class PubSubOutcomePublisher implements OutcomePublisher {
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

  async publish(event: OutcomeEvent): Promise<void> {
    const data = Buffer.from(JSON.stringify(outcomeToAvroJson(event)), 'utf8');
    await withDeadline(
      () =>
        this.#topic.publishMessage({
          data,
          attributes: { decisionId: event.decisionId, schemaVersion: String(event.schemaVersion) },
        }),
      { clock: this.#clock, ms: this.#timeoutMs, what: 'outcome event publish' },
    );
  }
}

/**
 * Creates the Avro schema and its topic (JSON encoding) when missing: `npm start` and tests;
 * production creates them with infrastructure code. Like risk-api's `ensureDecisionTopic`.
 */
export async function ensureOutcomeTopic(
  pubsub: PubSub,
  opts: { readonly topic: string; readonly schemaId: string; readonly avscPath: URL },
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
