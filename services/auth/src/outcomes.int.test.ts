import { PubSubOutcomePublisher, ensureAvroTopic } from '@sentinel/pubsub';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_AVSC_PATH, parseOutcomeEvent } from '@sentinel/contracts';
import { systemClock } from '@sentinel/kernel';
import {
  FirestoreDecisionLog,
  FirestorePolicyStores,
  FirestoreRiskStateStore,
  FirestoreStepUpChallenges,
  firestoreSettings,
} from '@sentinel/store';
import { uniqueProjectId } from '../../../test/support/emulator-env.ts';
import { fakeFactors, GOOD_TOTP } from './testing/fake-factors.ts';
import { ALICE, secretFor, startTestAuth, TENANT, type TestAuth } from './testing/harness.ts';

const MIN = 60_000;
const projectId = uniqueProjectId('auth-outcomes');
const db = new Firestore(firestoreSettings({ projectId }));
const pubsub = new PubSub({ projectId });
let subscription: Subscription;
let t: TestAuth;

/** Collects messages until every decision in `ids` has arrived, or fails after `timeoutMs`. */
function receiveFor(ids: readonly string[], timeoutMs = 15_000): Promise<Message[]> {
  return new Promise((resolve, reject) => {
    const received: Message[] = [];
    const timer = setTimeout(() => {
      subscription.removeAllListeners('message');
      reject(new Error(`received ${received.length} messages, not all of ${ids.join(', ')}`));
    }, timeoutMs);
    subscription.on('message', (message: Message) => {
      message.ack();
      received.push(message);
      const seen = new Set(received.map((m) => m.attributes['decisionId']));
      if (ids.every((id) => seen.has(id))) {
        clearTimeout(timer);
        subscription.removeAllListeners('message');
        resolve(received);
      }
    });
  });
}

beforeAll(async () => {
  await ensureAvroTopic(pubsub, {
    topic: 'risk-outcomes',
    schemaId: 'risk-outcome',
    avscPath: OUTCOME_AVSC_PATH,
  });
  [subscription] = await pubsub.topic('risk-outcomes').createSubscription('risk-outcomes-test');
  t = await startTestAuth({
    factors: fakeFactors({ [ALICE.userId]: ['TOTP'] }),
    stores: {
      log: new FirestoreDecisionLog(db),
      challenges: new FirestoreStepUpChallenges(db),
      state: new FirestoreRiskStateStore(db),
      policyStores: new FirestorePolicyStores(db),
    },
    adapters: {
      publisher: new PubSubOutcomePublisher(pubsub, {
        topic: 'risk-outcomes',
        timeoutMs: 5_000,
        clock: systemClock,
      }),
    },
  });
  await t.setSim(null);
});

afterAll(async () => {
  await t.close();
  await subscription.close();
  await Promise.all([pubsub.close(), db.terminate()]);
});

describe('step-up outcomes on Firestore and the Pub/Sub emulator', () => {
  it('publishes one outcome event per terminal challenge, and records each on its decision', async () => {
    const passed = await t.stepUp({ methods: ['TOTP', 'SMS_OTP'] });
    const failed = await t.stepUp({ methods: ['TOTP'] });
    const expiring = await t.stepUp({ methods: ['TOTP'] });
    const arrived = receiveFor([passed.id, failed.id, expiring.id]);

    // SMS through the real twilio client; the challenge is then passed with TOTP.
    const sent = await t.call(
      'POST',
      `/v1/challenges/${passed.id}/otp`,
      { channel: 'SMS' },
      secretFor(passed.id),
    );
    expect(sent.status).toBe(202);
    const ok = await t.call('POST', `/v1/challenges/${passed.id}/verify`, {
      method: 'TOTP',
      code: GOOD_TOTP,
    });
    expect(ok.body).toEqual({ status: 'PASSED', attemptsLeft: 4 });
    for (let i = 0; i < 5; i++) {
      await t.call('POST', `/v1/challenges/${failed.id}/verify`, {
        method: 'TOTP',
        code: '000000',
      });
    }
    t.clock.advance(5 * MIN);
    expect(await t.service.challenges.sweep()).toMatchObject({ expired: 1 });

    const messages = await arrived;
    const events = messages.map((m) => parseOutcomeEvent(JSON.parse(m.data.toString('utf8'))));
    expect(events.map((e) => e.decisionId).sort()).toEqual(
      [passed.id, failed.id, expiring.id].sort(),
    );
    expect(events.find((e) => e.decisionId === passed.id)).toMatchObject({
      tenantId: TENANT,
      status: 'PASSED',
      method: 'TOTP',
      sends: 1,
      attempts: 1,
    });
    expect(events.find((e) => e.decisionId === failed.id)).toMatchObject({
      status: 'FAILED',
      attempts: 5,
    });
    expect(events.find((e) => e.decisionId === expiring.id)).toMatchObject({
      status: 'EXPIRED',
      method: null,
    });

    for (const [id, status] of [
      [passed.id, 'PASSED'],
      [failed.id, 'FAILED'],
      [expiring.id, 'EXPIRED'],
    ] as const) {
      expect((await t.log.get(TENANT, id))?.stepUpOutcome?.status).toBe(status);
    }
    // Every outcome was published and completed: nothing is left in the outbox.
    await t.service.relay.settle();
    expect(await new FirestoreStepUpChallenges(db).dueOutcomes(10)).toEqual([]);
  });
});
