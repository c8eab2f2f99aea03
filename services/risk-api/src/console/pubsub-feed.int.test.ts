// The analyst's feed on the Pub/Sub emulator: a decision assessed through the API is published on
// risk-decisions, read back by this instance's own subscription and streamed to its tenant; an
// escrow transition arrives on the same stream; stop deletes the instance's subscriptions.
import { randomUUID } from 'node:crypto';
import { PubSub } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DECISION_AVSC_PATH,
  ESCROW_EVENT_AVSC_PATH,
  OUTCOME_AVSC_PATH,
  escrowEventToAvroJson,
} from '@sentinel/contracts';
import { createLogger, systemClock } from '@sentinel/kernel';
import { PubSubOutcomePublisher, ensureAvroTopic } from '@sentinel/pubsub';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { PubSubDecisionEventPublisher } from '../adapters/pubsub/pubsub-decision-event-publisher.ts';
import { ADMIN_KEY, TENANT, alicePayment, memoryAdapters, testApi } from '../testing/harness.ts';
import { pubsubFeedSource } from './pubsub-feed-source.ts';
import { sseReader } from './testing/sse-reader.ts';

const pubsub = new PubSub({ projectId: uniqueProjectId('console-feed') });
const TOPICS = { decisions: 'risk-decisions', outcomes: 'risk-outcomes', escrow: 'escrow-events' };
const PREFIX = `console-feed-${randomUUID().slice(0, 8)}`;
const silent = createLogger({
  level: 'error',
  projectId: 'test',
  service: 'risk-api',
  write: () => undefined,
});

function feedApi() {
  const base = memoryAdapters();
  return testApi({
    adapters: {
      ...base,
      publisher: new PubSubDecisionEventPublisher(pubsub, {
        topic: TOPICS.decisions,
        timeoutMs: 5_000,
      }),
      outcomePublisher: new PubSubOutcomePublisher(pubsub, {
        topic: TOPICS.outcomes,
        timeoutMs: 5_000,
        clock: systemClock,
      }),
      consoleFeed: pubsubFeedSource({
        pubsub,
        topics: TOPICS,
        subscriptionPrefix: PREFIX,
        logger: silent,
      }),
    },
    clock: systemClock,
  });
}

let t: ReturnType<typeof feedApi>;

beforeAll(async () => {
  await ensureAvroTopic(pubsub, {
    topic: TOPICS.decisions,
    schemaId: 'risk-decision',
    avscPath: DECISION_AVSC_PATH,
  });
  await ensureAvroTopic(pubsub, {
    topic: TOPICS.outcomes,
    schemaId: 'risk-outcome',
    avscPath: OUTCOME_AVSC_PATH,
  });
  await ensureAvroTopic(pubsub, {
    topic: TOPICS.escrow,
    schemaId: 'escrow-event',
    avscPath: ESCROW_EVENT_AVSC_PATH,
  });
  t = feedApi();
  await t.api.start();
});

afterAll(async () => {
  await pubsub.close();
});

const subscriptionNames = async () =>
  (await pubsub.getSubscriptions())[0].map((s) => s.name.split('/').pop() ?? '');

describe('the analyst feed on the Pub/Sub emulator', () => {
  it('streams an assessed decision and a later escrow event through its own subscriptions', async () => {
    expect((await subscriptionNames()).filter((n) => n.startsWith(PREFIX)).sort()).toEqual([
      `${PREFIX}-escrow-events`,
      `${PREFIX}-risk-decisions`,
      `${PREFIX}-risk-outcomes`,
    ]);
    const res = await t.api.app.request('/v1/console/decisions/stream', {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const stream = sseReader(res.body as ReadableStream<Uint8Array>);

    const payment = alicePayment();
    const decision = await t.call<{ decisionId: string }>('POST', '/v1/assess-payment', payment);
    expect(decision.status).toBe(200);
    const first = await stream.nextItem();
    expect(first?.item).toMatchObject({
      type: 'decision',
      decision: {
        decisionId: decision.body.decisionId,
        transactionId: payment.transactionId,
        tenantId: TENANT,
      },
    });

    const now = new Date();
    const escrowId = randomUUID();
    await pubsub.topic(TOPICS.escrow).publishMessage({
      json: escrowEventToAvroJson({
        eventId: `${escrowId}.2`,
        type: 'escrow.released',
        tenantId: TENANT,
        escrowId,
        decisionId: decision.body.decisionId,
        transactionId: payment.transactionId,
        status: 'RELEASED',
        reason: 'TELCO_SIGNAL_UNAVAILABLE',
        cause: 'VERIFIED',
        amountMinor: 125_000,
        currency: 'ZAR',
        heldAt: now,
        releaseBy: new Date(now.getTime() + 86_400_000),
        occurredAt: now,
        sequence: 2,
      }),
    });
    expect((await stream.nextItem())?.item).toMatchObject({
      type: 'escrow',
      escrow: {
        escrowId,
        decisionId: decision.body.decisionId,
        status: 'RELEASED',
        cause: 'VERIFIED',
      },
    });

    await t.api.stop();
    expect(await stream.nextEvent()).toMatchObject({ event: 'shutdown' });
    expect((await subscriptionNames()).filter((n) => n.startsWith(PREFIX))).toEqual([]);
  });
});
