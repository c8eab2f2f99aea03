import {
  assessmentBehavior,
  behaviorSnapshot,
  createEnrolmentClient,
  enrolBehavior,
  type BankContext,
  type BehaviorSnapshot,
} from '@sentinel/behavior-sdk';
import { botSession, humanSession, type SyntheticSession } from '@sentinel/behavior-sdk/testing';
import type { Decision } from '@sentinel/contracts';
import {
  ALICE,
  aliceProfile,
  alicePayment,
  API_KEY,
  memoryAdapters,
  testApi,
} from '@sentinel/risk-api/testing';
import { beforeEach, describe, expect, it } from 'vitest';

// The SDK's snapshots and enrolment client against the real risk-api (composed in memory, called
// in-process through its fetch handler): the wire shapes must be the ones the API accepts.

const BROWSER = { localHour: 19, timeZone: 'Africa/Johannesburg', os: 'Android' };
const BANK: BankContext = {
  knownFingerprint: true,
  deviceClassKnown: true,
  deviceSessionCount: 12,
  hoursSinceLastSeen: 20,
};
const snapshotOf = ({ log, end }: SyntheticSession, bank: BankContext = BANK): BehaviorSnapshot =>
  behaviorSnapshot(log, { end, browser: BROWSER, bank });

describe('behaviour SDK against the risk-api', () => {
  let t: ReturnType<typeof testApi<ReturnType<typeof memoryAdapters>>>;
  let options: { baseUrl: string; apiKey: string; fetch: typeof fetch };

  beforeEach(async () => {
    t = testApi({ adapters: memoryAdapters() });
    expect((await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
    options = {
      baseUrl: 'http://risk-api.test/',
      apiKey: API_KEY,
      fetch: async (input, init) => t.api.app.request(input, init),
    };
  });

  const assess = async (snapshot: BehaviorSnapshot, sessionId: string) => {
    const res = await t.call<Decision>(
      'POST',
      '/v1/assess-payment',
      alicePayment({ behavior: assessmentBehavior(snapshot, sessionId) }),
    );
    await t.api.background.drain(1_000);
    return res;
  };

  it('enrols from recorded sessions (refused under 10), then a payment’s snapshot is scored', async () => {
    const sessions = Array.from({ length: 12 }, (_, i) => snapshotOf(humanSession(100 + i)));

    const tooFew = await enrolBehavior({
      ...options,
      userId: ALICE.userId,
      sessions: sessions.slice(0, 9),
    });
    expect(tooFew).toMatchObject({
      ok: false,
      problem: { status: 422, code: 'BEHAVIOR.NOT_ENOUGH_SESSIONS', sessions: 9, minSessions: 10 },
    });

    const enrolled = await enrolBehavior({
      ...options,
      userId: ALICE.userId,
      sessions: sessions.slice(9),
    });
    expect(enrolled).toMatchObject({
      ok: true,
      value: { userId: ALICE.userId, version: 1, schemaVersion: 'sentinel-55/1', n: 12 },
    });

    const own = await assess(snapshotOf(humanSession(999)), 's-human');
    expect(own.status).toBe(200);
    const mine = own.body.signals.behavior;
    expect(mine?.baselineVersion).toBe(1);
    // Another session of the same person (deterministic: 61.4): not at SHIELD's blocking levels.
    expect(mine?.score).toBeGreaterThan(45);

    const bot = await assess(snapshotOf(botSession()), 's-bot');
    expect(bot.status).toBe(200);
    const scripted = bot.body.signals.behavior;
    expect(scripted?.baselineVersion).toBe(1);
    // The script is far from her: critical confidence, typing among the flagged features.
    expect(scripted?.score).toBeLessThan(30);
    expect(scripted?.topAnomalies.join(' ')).toContain('typing');
    expect(bot.body.action).toBe('DENY');
  });

  it('sends more than 200 sessions in calls of 200, and an empty list gets the API’s refusal', async () => {
    const calls: string[] = [];
    const counting: typeof fetch = async (input, init) => {
      calls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return t.api.app.request(input, init);
    };
    const client = createEnrolmentClient({ ...options, fetch: counting });
    const one = snapshotOf(humanSession(5));
    const stored = await client.addSessions(
      ALICE.userId,
      Array.from({ length: 250 }, () => one),
    );
    expect(stored).toEqual({
      ok: true,
      value: { userId: ALICE.userId, added: 250, total: 250, dropped: 0, maxKept: 500 },
    });
    expect(calls).toEqual([
      `http://risk-api.test/v1/users/${ALICE.userId}/behavior/sessions`,
      `http://risk-api.test/v1/users/${ALICE.userId}/behavior/sessions`,
    ]);
    const empty = await client.addSessions(ALICE.userId, []);
    expect(empty).toMatchObject({ ok: false, problem: { status: 400 } });
    // A snapshot of another schema version is a bug in the caller: never sent.
    const stale = { schemaVersion: 'sentinel-54/0', features: one.features };
    expect(() => client.addSessions(ALICE.userId, [stale])).toThrow(RangeError);
    expect(calls).toHaveLength(3);
  });

  it('a refused upload names the problem and stores nothing', async () => {
    const good = snapshotOf(humanSession(1));
    const broken: BehaviorSnapshot = {
      schemaVersion: good.schemaVersion,
      features: { ...good.features, words_per_minute: Number.POSITIVE_INFINITY },
    };
    // JSON has no Infinity: it is sent as null, which the engine refuses by name.
    const refused = await enrolBehavior({ ...options, userId: ALICE.userId, sessions: [broken] });
    expect(refused).toMatchObject({
      ok: false,
      problem: { status: 400, code: 'REQUEST.INVALID_BODY' },
    });
    expect(refused.problem?.detail).toContain('words_per_minute');
  });
});
