import { readFile } from 'node:fs/promises';
import type { PubSub } from '@google-cloud/pubsub';

// gRPC status ALREADY_EXISTS.
const ALREADY_EXISTS = 6;

/**
 * Creates an Avro schema and the topic bound to it (JSON encoding) when they are missing, for
 * `npm start` and tests; production creates them with infrastructure code (infra/terraform).
 * Idempotent: an existing schema or topic is left as it is (schema changes are new revisions, see
 * infra/pubsub/README.md). Resolves to the schema's and topic's full resource names.
 */
export async function ensureAvroTopic(
  pubsub: PubSub,
  opts: { readonly topic: string; readonly schemaId: string; readonly avscPath: string | URL },
): Promise<{ readonly schemaName: string; readonly topicName: string }> {
  // Imported here, not at the top: loading the Pub/Sub client costs a cold start about 0.2 s, and a
  // process that never publishes (the risk-api in memory) should not pay it for two constants.
  const { Encodings, SchemaTypes } = await import('@google-cloud/pubsub');
  const definition = await readFile(opts.avscPath, 'utf8');
  await tolerateExisting(pubsub.createSchema(opts.schemaId, SchemaTypes.Avro, definition));
  const schemaName = await pubsub.schema(opts.schemaId).getName();
  await tolerateExisting(
    pubsub.createTopic({
      name: opts.topic,
      schemaSettings: { schema: schemaName, encoding: Encodings.Json },
    }),
  );
  return { schemaName, topicName: pubsub.topic(opts.topic).name };
}

/** Awaits a creation, taking "it exists already" as done. */
export async function tolerateExisting(creation: Promise<unknown>): Promise<void> {
  try {
    await creation;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== ALREADY_EXISTS) {
      throw error;
    }
  }
}
