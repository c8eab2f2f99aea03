// Reported outcomes on the emulators (issue 13): the risk-api on Firestore and Pub/Sub takes
// concurrent identical reports as one (one report, one event on risk-outcomes, validated by the
// topic's Avro schema), shows it on the decision, and keeps a report whose publish failed in the
// Firestore outbox until the topic can take it.
import { PubSubOutcomePublisher, ensureAvroTopic } from '@sentinel/pubsub';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_AVSC_PATH, parseOutcomeEvent, type OutcomeEvent } from '@sentinel/contracts';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { systemClock } from '@sentinel/kernel';
import {
  FirestoreDecisionLog,
  FirestorePolicyStores,
  FirestoreReportedOutcomes,
  FirestoreRiskStateStore,
  firestoreSettings,
} from '@sentinel/store';
import { MemoryDecisionEventPublisher, type OutcomeEventPublisher } from '@sentinel/risk-api';
import { T0, TENANT, testApi } from '@sentinel/risk-api/testing';
import { uniqueProjectId } from './support/emulator-env.ts';

const projectId = uniqueProjectId('reported-outcomes');
const db = new Firestore({ ...firestoreSettings({ projectId }), ignoreUndefinedProperties: true });
const pubsub = new PubSub({ projectId });
const subscriptions: Subscription[] = [];

/** The real Pub/Sub publisher, counting the publishes the broker confirmed. */
function countingPublisher(topic: string) {
  const real = new PubSubOutcomePublisher(pubsub, {
    topic,
    timeoutMs: 5_000,
    clock: systemClock,
  });
  const counted = {
    confirmed: 0,
    async publish(event: OutcomeEvent) {
      await real.publish(event);
      counted.confirmed++;
    },
  };
  return counted satisfies OutcomeEventPublisher;
}

function riskApi(publisher: OutcomeEventPublisher) {
  return testApi({
    adapters: {
      state: new FirestoreRiskStateStore(db),
      log: new FirestoreDecisionLog(db),
      policyStores: new FirestorePolicyStores(db),
      publisher: new MemoryDecisionEventPublisher(),
      outcomes: new FirestoreReportedOutcomes(db),
      outcomePublisher: publisher,
    },
    env: { GOOGLE_CLOUD_PROJECT: projectId },
  });
}

async function aDecision(): Promise<string> {
  const record = aDecisionRecord({ clientId: TENANT, decidedAt: new Date(T0.getTime() - 1_000) });
  await new FirestoreDecisionLog(db).record(record);
  return record.decision.decisionId;
}

async function topicWithSubscription(topic: string): Promise<Subscription> {
  await ensureAvroTopic(pubsub, {
    topic,
    schemaId: 'risk-outcome',
    avscPath: OUTCOME_AVSC_PATH,
  });
  const [subscription] = await pubsub.topic(topic).createSubscription(`${topic}-test`);
  subscriptions.push(subscription);
  return subscription;
}

/** The next message on the subscription (acked), or a failure after 10 s. */
function nextMessage(subscription: Subscription): Promise<Message> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message within 10 s')), 10_000);
    subscription.once('message', (message: Message) => {
      clearTimeout(timer);
      message.ack();
      resolve(message);
    });
  });
}

let subscription: Subscription;

beforeAll(async () => {
  subscription = await topicWithSubscription('risk-outcomes');
});

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.close()));
  await Promise.all([pubsub.close(), db.terminate()]);
});

describe('POST /v1/decisions/{id}/outcome on Firestore and Pub/Sub', () => {
  it('takes 10 concurrent identical reports as one: one 201, nine replays, one event', async () => {
    const publisher = countingPublisher('risk-outcomes');
    const risk = riskApi(publisher);
    const decisionId = await aDecision();
    const arrived = nextMessage(subscription);
    const body = { outcome: 'CONFIRMED_FRAUD', reportedBy: 'fraud-ops', reference: 'CASE-77' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        risk.call<Record<string, unknown>>('POST', `/v1/decisions/${decisionId}/outcome`, body),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array<number>(9).fill(200), 201]);
    const created = answers.find((a) => a.status === 201)?.body;
    for (const answer of answers.filter((a) => a.status === 200)) {
      expect(answer.body).toEqual({ ...created, replayed: true });
    }

    const message = await arrived;
    await risk.api.outcomeRelay.settle();
    expect(publisher.confirmed).toBe(1);
    expect(message.attributes).toMatchObject({ decisionId, source: 'BANK', schemaVersion: '2' });
    expect(parseOutcomeEvent(JSON.parse(message.data.toString('utf8')))).toMatchObject({
      decisionId,
      tenantId: TENANT,
      status: 'CONFIRMED_FRAUD',
      source: 'BANK',
      reportedBy: 'fraud-ops',
      reference: 'CASE-77',
      completedAt: T0.getTime() * 1000,
    });
    expect(await new FirestoreReportedOutcomes(db).dueReports(10)).toEqual([]);

    const view = await risk.call<{ outcomes: unknown[] }>('GET', `/v1/decisions/${decisionId}`);
    expect(view.body.outcomes).toEqual([
      {
        outcome: 'CONFIRMED_FRAUD',
        reportedBy: 'fraud-ops',
        reference: 'CASE-77',
        occurredAt: T0.toISOString(),
        reportedAt: T0.toISOString(),
      },
    ]);
  });

  it('keeps a report whose publish failed in the outbox, and the sweep publishes it once the topic exists', async () => {
    const topic = 'risk-outcomes-created-late';
    const publisher = countingPublisher(topic);
    const risk = riskApi(publisher);
    const decisionId = await aDecision();
    const res = await risk.call('POST', `/v1/decisions/${decisionId}/outcome`, {
      outcome: 'STEP_UP_PASSED',
      reportedBy: 'branch-12',
    });
    expect(res.status).toBe(201);
    // The first publish fails (no such topic); the entry stays.
    await risk.api.outcomeRelay.settle();
    expect(publisher.confirmed).toBe(0);
    const outbox = new FirestoreReportedOutcomes(db);
    expect((await outbox.dueReports(10)).map((d) => d.report.decisionId)).toEqual([decisionId]);
    expect(
      risk.logs.some(
        (l) => l['message'] === 'reported outcome not published yet; the sweep retries it',
      ),
    ).toBe(true);

    const late = await topicWithSubscription(topic);
    const arrived = nextMessage(late);
    expect(await risk.api.outcomeRelay.sweep()).toBe(1);
    const event = parseOutcomeEvent(JSON.parse((await arrived).data.toString('utf8')));
    expect(event).toMatchObject({ decisionId, status: 'PASSED', source: 'BANK', method: null });
    expect(await outbox.dueReports(10)).toEqual([]);
  });
});
