// Step-up across the two services on the emulators (issue 11): risk-api answers STEP_UP with a
// challenge URL; the auth service serves that challenge to its client secret the moment the answer
// is out, refuses an SMS code to the swapped SIM, passes it with an authenticator-app code (the
// real factors module: TOTP enrolled through the user routes); risk-api then shows the outcome, and
// risk-outcomes has it. The passkey flow in a real browser: step-up-passkey.int.test.ts.
import { PubSubOutcomePublisher, ensureAvroTopic } from '@sentinel/pubsub';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { URI, type TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_AVSC_PATH, parseOutcomeEvent, type Decision } from '@sentinel/contracts';
import { systemClock } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import {
  FirestoreCustomerFactors,
  FirestoreDecisionLog,
  FirestorePolicyStores,
  FirestoreRiskStateStore,
  FirestoreStepUpChallenges,
  firestoreSettings,
} from '@sentinel/store';

import { startTestAuth, type TestAuth } from '@sentinel/auth/testing';
import { MemoryDecisionEventPublisher } from '@sentinel/risk-api';
import { ALICE, aliceProfile, alicePayment, T0, testApi } from '@sentinel/risk-api/testing';
import { uniqueProjectId } from './support/emulator-env.ts';

const projectId = uniqueProjectId('step-up');
const db = new Firestore({ ...firestoreSettings({ projectId }), ignoreUndefinedProperties: true });
const pubsub = new PubSub({ projectId });
const clock = new FakeClock(T0);
let subscription: Subscription;
let auth: TestAuth;
const risk = testApi({
  adapters: {
    state: new FirestoreRiskStateStore(db),
    log: new FirestoreDecisionLog(db),
    policyStores: new FirestorePolicyStores(db),
    publisher: new MemoryDecisionEventPublisher(),
  },
  clock,
  env: { SENTINEL_LATENCY_BUDGET_MS: '2000', GOOGLE_CLOUD_PROJECT: projectId },
});

beforeAll(async () => {
  await ensureAvroTopic(pubsub, {
    topic: 'risk-outcomes',
    schemaId: 'risk-outcome',
    avscPath: OUTCOME_AVSC_PATH,
  });
  [subscription] = await pubsub.topic('risk-outcomes').createSubscription('step-up-test');
  auth = await startTestAuth({
    clock,
    stores: {
      customerFactors: new FirestoreCustomerFactors(db),
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
});

afterAll(async () => {
  await risk.api.background.drain(5_000);
  await auth.close();
  await subscription.close();
  await Promise.all([pubsub.close(), db.terminate()]);
});

describe('a STEP_UP decision passed on the auth service', () => {
  it('is served at once, refuses SMS to the swapped SIM, passes with TOTP, and shows PASSED', async () => {
    // The bank enrols Alice's authenticator app (she scans the URI, confirms with a first code).
    const enrolled = await auth.call<{ otpauthUri: string }>(
      'POST',
      `/v1/users/${ALICE.userId}/totp`,
    );
    const totp = URI.parse(enrolled.body.otpauthUri) as TOTP;
    const code = () => totp.generate({ timestamp: clock.now().getTime() });
    const confirmed = await auth.call('POST', `/v1/users/${ALICE.userId}/totp/confirm`, {
      code: code(),
    });
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'ACTIVE' } });
    const profile = { ...aliceProfile(), enrolledFactors: ['WEBAUTHN', 'TOTP'] };
    expect((await risk.call('PUT', `/v1/users/${ALICE.userId}`, profile)).status).toBe(200);
    await risk.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: new Date(T0.getTime() - 5 * 60_000),
      checkedAt: T0,
      source: 'camara',
    });
    clock.advance(30_000); // the next TOTP step: the confirming code is spent
    const answer = await risk.call<Decision>('POST', '/v1/assess-payment', alicePayment());
    expect(answer.body.action).toBe('STEP_UP');
    const [url = '', secret = ''] = (answer.body.stepUp?.challengeUrl ?? '').split('#');
    const path = new URL(url).pathname;
    expect(path).toBe(`/v1/challenges/${answer.body.decisionId}`);

    const challenge = await auth.call('GET', path, undefined, secret);
    expect(challenge).toMatchObject({
      status: 200,
      body: {
        status: 'PENDING',
        attemptsLeft: 5,
        payment: { amount: { minor: 125_000, currency: 'ZAR' }, payee: null },
      },
    });
    // The decision never offered SMS to a swapped SIM, and the auth service sends none.
    expect(answer.body.stepUp?.methods).toContain('TOTP');
    expect(answer.body.stepUp?.methods).not.toContain('SMS_OTP');
    const sms = await auth.call('POST', `${path}/otp`, { channel: 'SMS' }, secret);
    expect(sms).toMatchObject({ status: 403, body: { code: 'AUTH.METHOD_NOT_ALLOWED' } });
    expect(auth.twilio.messages).toEqual([]);

    const arrived = new Promise<Message>((resolve) => {
      subscription.once('message', (m: Message) => {
        m.ack();
        resolve(m);
      });
    });
    const passed = await auth.call(
      'POST',
      `${path}/verify`,
      { method: 'TOTP', code: code() },
      secret,
    );
    expect(passed.body).toEqual({ status: 'PASSED', attemptsLeft: 4 });

    const view = await risk.call<Decision & { stepUp: { status: string; method: string } }>(
      'GET',
      `/v1/decisions/${answer.body.decisionId}`,
    );
    expect(view.body.stepUp).toMatchObject({
      status: 'PASSED',
      method: 'TOTP',
      completedAt: clock.now().toISOString(),
    });
    const event = parseOutcomeEvent(JSON.parse((await arrived).data.toString('utf8')));
    expect(event).toMatchObject({
      decisionId: answer.body.decisionId,
      status: 'PASSED',
      method: 'TOTP',
    });
  });
});
