// The escrow-events topic on the Pub/Sub emulator (issue 12): created with its Avro schema (JSON
// encoding) the way the other topics are, it takes what escrowEventToAvroJson writes, refuses what
// the schema does not allow, and a consumer reads the events back with parseEscrowEvent.
import { ensureAvroTopic } from '@sentinel/pubsub';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ESCROW_EVENT_AVSC_PATH,
  escrowEventId,
  escrowEventToAvroJson,
  parseEscrowEvent,
  type EscrowEvent,
} from '@sentinel/contracts';

import { uniqueProjectId } from './support/emulator-env.ts';

const pubsub = new PubSub({ projectId: uniqueProjectId('escrow-events') });
const TOPIC = 'escrow-events';
let subscription: Subscription;

const escrowId = '0193c5f0-0000-7000-8000-0000000000e1';
const heldAt = new Date('2026-11-21T10:00:00.000Z');
const held: EscrowEvent = {
  eventId: escrowEventId(escrowId, 1),
  type: 'escrow.held',
  tenantId: 'bank',
  escrowId,
  decisionId: '0193c5f0-0000-7000-8000-0000000000d1',
  transactionId: 'tx-bob-1',
  status: 'HELD',
  reason: 'TELCO_SIGNAL_UNAVAILABLE',
  cause: null,
  amountMinor: 150_000,
  currency: 'ZAR',
  heldAt,
  releaseBy: new Date(heldAt.getTime() + 86_400_000),
  occurredAt: heldAt,
  sequence: 1,
};
const released: EscrowEvent = {
  ...held,
  eventId: escrowEventId(escrowId, 2),
  type: 'escrow.released',
  status: 'RELEASED',
  cause: 'VERIFIED',
  occurredAt: new Date(heldAt.getTime() + 600_000),
  sequence: 2,
};

/** Collects `count` messages (acking them), or fails after 10 s. */
function receive(count: number): Promise<Message[]> {
  return new Promise((resolve, reject) => {
    const received: Message[] = [];
    const timer = setTimeout(() => {
      subscription.removeAllListeners('message');
      reject(new Error(`received ${received.length} of ${count} messages`));
    }, 10_000);
    subscription.on('message', (message: Message) => {
      message.ack();
      received.push(message);
      if (received.length === count) {
        clearTimeout(timer);
        subscription.removeAllListeners('message');
        resolve(received);
      }
    });
  });
}

beforeAll(async () => {
  const opts = { topic: TOPIC, schemaId: 'escrow-event', avscPath: ESCROW_EVENT_AVSC_PATH };
  await ensureAvroTopic(pubsub, opts);
  [subscription] = await pubsub.topic(TOPIC).createSubscription('escrow-events-test');
});

afterAll(async () => {
  await subscription.close();
  await pubsub.close();
});

describe('escrow-events on the Pub/Sub emulator', () => {
  it('binds the topic to the escrow-event schema with JSON encoding', async () => {
    const [metadata] = await pubsub.topic(TOPIC).getMetadata();
    expect(metadata.schemaSettings).toMatchObject({ encoding: 'JSON' });
    expect(metadata.schemaSettings?.schema).toMatch(/\/schemas\/escrow-event$/);
  });

  it('takes a held and a released event, and they read back equal', async () => {
    const arrived = receive(2);
    for (const event of [held, released]) {
      await pubsub.topic(TOPIC).publishMessage({
        data: Buffer.from(JSON.stringify(escrowEventToAvroJson(event))),
        attributes: { eventId: event.eventId },
      });
    }
    const byId = new Map((await arrived).map((m) => [m.attributes['eventId'], m]));
    for (const event of [held, released]) {
      const data = byId.get(event.eventId)?.data.toString('utf8') ?? 'null';
      expect(parseEscrowEvent(JSON.parse(data))).toEqual(event);
    }
  });

  it.each([
    ['a cause without its union branch', { cause: 'VERIFIED' }],
    ['a missing required field', { transactionId: undefined }],
    ['a time as a string', { occurredAt: '2026-11-21T10:10:00Z' }],
  ])('refuses %s with INVALID_ARGUMENT', async (_, change) => {
    const body = { ...escrowEventToAvroJson(released), ...change };
    const publish = pubsub.topic(TOPIC).publishMessage({ data: Buffer.from(JSON.stringify(body)) });
    await expect(publish).rejects.toMatchObject({ code: 3 });
  });
});
