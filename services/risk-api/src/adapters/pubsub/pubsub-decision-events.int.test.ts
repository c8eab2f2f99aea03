import { ensureAvroTopic } from '@sentinel/pubsub';
import { createServer, type Server, type Socket } from 'node:net';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '@sentinel/kernel/testing';
import { uniqueProjectId } from '../../../../../test/support/emulator-env.ts';
import { parseDecisionEvent, toAvroJson } from '@sentinel/contracts';
import {
  DECISION_EVENT_SCHEMA_VERSION,
  toDecisionEvent,
  type DecisionEvent,
} from '@sentinel/contracts';
import { createPseudonymiser } from '@sentinel/contracts';
import { EventPublishError } from '@sentinel/contracts';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { DECISION_AVSC_PATH } from '@sentinel/contracts';
import { PubSubDecisionEventPublisher } from './pubsub-decision-event-publisher.ts';

const PROJECT = uniqueProjectId('decision-events');
const pubsub = new PubSub({ projectId: PROJECT });
const TOPIC = 'risk-decisions';
const pseudonymise = createPseudonymiser('integration-test-pseudonym-key');
let subscription: Subscription;
let names: { readonly schemaName: string; readonly topicName: string };

function anEvent(overrides: Partial<DecisionEvent> = {}): DecisionEvent {
  return { ...toDecisionEvent(aDecisionRecord(), pseudonymise), ...overrides };
}

/** Collects `count` messages from the subscription (acking them), or fails after `timeoutMs`. */
function receive(count: number, timeoutMs = 10_000): Promise<Message[]> {
  return new Promise((resolve, reject) => {
    const received: Message[] = [];
    const timer = setTimeout(() => {
      subscription.removeAllListeners('message');
      reject(new Error(`received ${received.length} of ${count} messages`));
    }, timeoutMs);
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
  const opts = { topic: TOPIC, schemaId: 'risk-decision', avscPath: DECISION_AVSC_PATH };
  names = await ensureAvroTopic(pubsub, opts);
  // Idempotent: a second start-up finds both and changes nothing.
  expect(await ensureAvroTopic(pubsub, opts)).toEqual(names);
  [subscription] = await pubsub.topic(TOPIC).createSubscription('risk-decisions-test');
});

afterAll(async () => {
  await subscription.close();
  await pubsub.close();
});

describe('risk-decisions on the Pub/Sub emulator', () => {
  it('binds the topic to the Avro schema with JSON encoding', async () => {
    const [metadata] = await pubsub.topic(TOPIC).getMetadata();
    expect(metadata.schemaSettings).toMatchObject({
      schema: names.schemaName,
      encoding: 'JSON',
    });
    expect(names.schemaName).toMatch(/\/schemas\/risk-decision$/);
  });

  it('accepts events with and without the nullable fields, and they read back equal', async () => {
    const publisher = new PubSubDecisionEventPublisher(pubsub, { topic: TOPIC, timeoutMs: 5_000 });
    const held = anEvent({
      simSwapAgeHours: 2.5,
      freeze: true,
      behaviorScore: 12.5,
      behaviorDistance: 40.125,
      behaviorBaselineVersion: 3,
    });
    const clean = anEvent({
      decisionId: '0193c5f0-0000-7000-8000-000000000002',
      escrowHeld: false,
      escrowReason: null,
      simSwapAgeHours: null,
      stepUpMethods: [],
      reasons: [],
      tenantId: null,
      escrowId: null,
      escrowReleaseBy: null,
      stepUpChallengeId: null,
      payeeKey: null,
    });
    // A whole number of hours must still go out as {"double": 3}, which Avro accepts.
    const wholeHours = anEvent({ simSwapAgeHours: 3, latencyMs: 5 });
    const arrived = receive(3);
    await Promise.all([held, clean, wholeHours].map((e) => publisher.publish(e)));
    const messages = await arrived;

    const byId = new Map(messages.map((m) => [m.attributes['decisionId'], m]));
    for (const event of [held, clean, wholeHours]) {
      const message = byId.get(event.decisionId);
      expect(message?.attributes).toMatchObject({
        decisionId: event.decisionId,
        schemaVersion: String(DECISION_EVENT_SCHEMA_VERSION),
        escrowHeld: String(event.escrowHeld),
        googclient_schemaencoding: 'JSON',
      });
      expect(parseDecisionEvent(JSON.parse(message?.data.toString('utf8') ?? 'null'))).toEqual(
        event,
      );
    }
    expect(JSON.parse(byId.get(held.decisionId)?.data.toString('utf8') ?? '{}')).toMatchObject({
      escrowReason: { string: 'TELCO_SIGNAL_STALE' },
      simSwapAgeHours: { double: 2.5 },
      behaviorScore: { double: 12.5 },
      behaviorDistance: { double: 40.125 },
      behaviorBaselineVersion: { int: 3 },
      tenantId: { string: 'bank-a' },
      escrowId: { string: held.escrowId },
      escrowReleaseBy: { long: held.escrowReleaseBy },
      stepUpChallengeId: { string: held.decisionId },
      payeeKey: { string: held.payeeKey },
    });
  });

  it.each([
    ['a union value without its branch name', { escrowReason: 'TELCO_SIGNAL_STALE' }],
    ['a missing required field', { riskScore: undefined }],
    ['a string where a long belongs', { amountMinor: '125000' }],
  ])('rejects %s with INVALID_ARGUMENT', async (_, change) => {
    const body = { ...toAvroJson(anEvent()), ...change };
    const publish = pubsub.topic(TOPIC).publishMessage({ data: Buffer.from(JSON.stringify(body)) });
    await expect(publish).rejects.toMatchObject({ code: 3 });
  });

  it('sends the events of one batch window in one publish request', async () => {
    // A client of its own: a spy on its request method before the publisher binds it.
    const client = new PubSub({ projectId: PROJECT });
    const requests = vi.spyOn(client, 'request');
    const publisher = new PubSubDecisionEventPublisher(client, {
      topic: TOPIC,
      timeoutMs: 60_000,
      maxBatchDelayMs: 30_000,
    });
    const early = anEvent({ decisionId: '0193c5f0-0000-7000-8000-0000000000b1' });
    const late = anEvent({ decisionId: '0193c5f0-0000-7000-8000-0000000000b2' });
    const arrived = receive(2);
    const first = publisher.publish(early);
    // Longer than the publisher's default window (5 ms) and the client's own (10 ms): under
    // either, the first event would have gone out alone by now.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = publisher.publish(late);
    // `publish` hands its event to the client a few promise callbacks later: flush after that.
    await new Promise((resolve) => setImmediate(resolve));
    await publisher.flush();
    await Promise.all([first, second]);
    const publishes = requests.mock.calls.filter(([config]) => config.method === 'publish');
    expect(publishes).toHaveLength(1);
    expect((publishes[0]?.[0].reqOpts as { messages?: unknown[] }).messages).toHaveLength(2);
    expect(new Set((await arrived).map((m) => m.attributes['decisionId']))).toEqual(
      new Set([early.decisionId, late.decisionId]),
    );
    await client.close();
  });

  it('fails with EventPublishError when the topic does not exist', async () => {
    const publisher = new PubSubDecisionEventPublisher(pubsub, {
      topic: 'no-such-topic',
      timeoutMs: 5_000,
    });
    await expect(publisher.publish(anEvent())).rejects.toBeInstanceOf(EventPublishError);
  });
});

describe('PubSubDecisionEventPublisher when the broker never answers', () => {
  let blackhole: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    blackhole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) {
      socket.destroy();
    }
    await new Promise((resolve) => blackhole.close(resolve));
  });

  it('rejects after its timeout, so the outbox keeps the entry', async () => {
    const address = blackhole.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const silent = new PubSub({ projectId: 'demo-blackhole', apiEndpoint: `127.0.0.1:${port}` });
    const clock = new FakeClock();
    const publisher = new PubSubDecisionEventPublisher(silent, { timeoutMs: 300, clock });
    let settled = false;
    const published = publisher.publish(anEvent()).finally(() => (settled = true));
    published.catch(() => undefined);
    // The client reached the broker, which never answers.
    await vi.waitFor(() => expect(sockets.size).toBeGreaterThan(0), { timeout: 10_000 });
    await clock.advanceAsync(299);
    expect(settled).toBe(false);
    clock.advance(1);
    await expect(published).rejects.toThrow(/not confirmed within 300 ms/);
  });
});
