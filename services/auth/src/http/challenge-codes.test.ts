import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeFactors, GOOD_TOTP } from '../testing/fake-factors.ts';
import { ALICE, secretFor, startTestAuth, TENANT, type TestAuth } from '../testing/harness.ts';

const MIN = 60_000;

describe('one-time codes: SMS through Twilio Verify, TOTP, e-mail (tenant opt-in)', () => {
  let t: TestAuth;
  const start = async (env: Record<string, string> = {}) => {
    t = await startTestAuth({ factors: fakeFactors({ [ALICE.userId]: ['TOTP'] }), env });
    await t.setSim(null);
  };
  beforeEach(() => start());
  afterEach(() => t.close());

  const outcomeOf = async (id: string) => (await t.log.get(TENANT, id))?.stepUpOutcome;

  it('sends an SMS code with the amount and payee and passes the challenge with it, once', async () => {
    const c = await t.stepUp({ methods: ['SMS_OTP'] });
    const sent = await t.call(
      'POST',
      `/v1/challenges/${c.id}/otp`,
      { channel: 'SMS' },
      secretFor(c.id),
    );
    expect(sent).toMatchObject({ status: 202, body: { channel: 'SMS', sendsLeft: 2 } });
    expect(t.twilio.messages).toEqual([
      expect.objectContaining({
        to: ALICE.phoneNumber,
        channel: 'sms',
        amount: 'ZAR 1250.00',
        payee: c.payee,
      }),
    ]);
    const code = t.twilio.lastCode(ALICE.phoneNumber) ?? '';
    const verify = await t.call(
      'POST',
      `/v1/challenges/${c.id}/verify`,
      { method: 'SMS_OTP', code },
      secretFor(c.id),
    );
    expect(verify).toMatchObject({ status: 200, body: { status: 'PASSED', attemptsLeft: 4 } });
    expect(await outcomeOf(c.id)).toEqual({
      status: 'PASSED',
      method: 'SMS_OTP',
      at: t.clock.now(),
    });
    await t.service.relay.settle();
    expect(t.publisher.events).toEqual([
      expect.objectContaining({
        decisionId: c.id,
        status: 'PASSED',
        method: 'SMS_OTP',
        attempts: 1,
        sends: 1,
      }),
    ]);
    const again = await t.call('POST', `/v1/challenges/${c.id}/verify`, {
      method: 'SMS_OTP',
      code,
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'AUTH.CHALLENGE_CLOSED' } });
    // No code and no secret in any log line.
    expect(JSON.stringify(t.logs)).not.toContain(code);
    expect(JSON.stringify(t.logs)).not.toContain(secretFor(c.id));
  });

  it.each([
    ['swapped 2 h ago', 2, 0, 403, 'AUTH.SMS_BLOCKED_SIM_SWAP'],
    ['swapped 167 h ago (policy: 168 h)', 167, 0, 403, 'AUTH.SMS_BLOCKED_SIM_SWAP'],
    ['a stale SIM status', null, 10 * MIN, 409, 'AUTH.SMS_BLOCKED_SIM_UNKNOWN'],
  ])('sends no SMS to a SIM %s', async (_name, swappedHoursAgo, checkedMsAgo, status, code) => {
    await t.setSim(swappedHoursAgo, checkedMsAgo);
    const c = await t.stepUp({ methods: ['SMS_OTP', 'WEBAUTHN'] });
    const res = await t.call('POST', `/v1/challenges/${c.id}/otp`, { channel: 'SMS' });
    expect(res).toMatchObject({ status, body: { code } });
    expect(t.twilio.messages).toEqual([]);
    expect((await t.service.challenges.view(TENANT, c.id)).status).toBe('PENDING');
  });

  it('sends no SMS when the SIM status is unknown (no signal at all)', async () => {
    // A service whose store has never had a signal for Alice's number.
    const fresh = await startTestAuth({ factors: fakeFactors({}) });
    try {
      const c = await fresh.stepUp({ methods: ['SMS_OTP'] });
      const res = await fresh.call('POST', `/v1/challenges/${c.id}/otp`, { channel: 'SMS' });
      expect(res).toMatchObject({ status: 409, body: { code: 'AUTH.SMS_BLOCKED_SIM_UNKNOWN' } });
      expect(fresh.twilio.messages).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('fails the challenge at the fifth wrong code and refuses a sixth attempt', async () => {
    const c = await t.stepUp({ methods: ['TOTP'] });
    const path = `/v1/challenges/${c.id}/verify`;
    for (const left of [4, 3, 2, 1]) {
      const res = await t.call('POST', path, { method: 'TOTP', code: '000000' });
      expect(res).toMatchObject({
        status: 422,
        body: { code: 'AUTH.CODE_INVALID', attemptsLeft: left, challengeStatus: 'PENDING' },
      });
    }
    const fifth = await t.call('POST', path, { method: 'TOTP', code: '000000' });
    expect(fifth).toMatchObject({
      status: 422,
      body: { attemptsLeft: 0, challengeStatus: 'FAILED' },
    });
    // Even the right code is refused now.
    const sixth = await t.call('POST', path, { method: 'TOTP', code: GOOD_TOTP });
    expect(sixth).toMatchObject({ status: 409, body: { code: 'AUTH.ATTEMPTS_EXHAUSTED' } });
    expect(await outcomeOf(c.id)).toEqual({ status: 'FAILED', method: null, at: t.clock.now() });
    await t.service.relay.settle();
    expect(t.publisher.events.map((e) => [e.decisionId, e.status])).toEqual([[c.id, 'FAILED']]);
  });

  it('never lets parallel guesses exceed five attempts', async () => {
    const c = await t.stepUp({ methods: ['TOTP'] });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.call('POST', `/v1/challenges/${c.id}/verify`, { method: 'TOTP', code: '000000' }),
      ),
    );
    expect(results.filter((r) => r.status === 422)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    expect((await t.service.challenges.view(TENANT, c.id)).status).toBe('FAILED');
  });

  it('refuses a TOTP code used twice, and a method the decision did not allow', async () => {
    const c = await t.stepUp({ methods: ['TOTP'] });
    expect(
      (await t.call('POST', `/v1/challenges/${c.id}/verify`, { method: 'TOTP', code: GOOD_TOTP }))
        .body,
    ).toEqual({
      status: 'PASSED',
      attemptsLeft: 4,
    });
    const d = await t.stepUp({ methods: ['TOTP'] });
    const replay = await t.call('POST', `/v1/challenges/${d.id}/verify`, {
      method: 'TOTP',
      code: GOOD_TOTP,
    });
    expect(replay).toMatchObject({
      status: 422,
      body: { code: 'AUTH.CODE_REPLAYED', attemptsLeft: 4 },
    });
    const sms = await t.call('POST', `/v1/challenges/${d.id}/verify`, {
      method: 'SMS_OTP',
      code: '123456',
    });
    expect(sms).toMatchObject({ status: 403, body: { code: 'AUTH.METHOD_NOT_ALLOWED' } });
  });

  it('sends at most 3 codes per challenge; a resend never resets the attempts', async () => {
    const c = await t.stepUp({ methods: ['SMS_OTP'] });
    const path = `/v1/challenges/${c.id}`;
    await t.call('POST', `${path}/verify`, { method: 'SMS_OTP', code: '000000' });
    for (const left of [2, 1, 0]) {
      expect((await t.call('POST', `${path}/otp`, { channel: 'SMS' })).body).toMatchObject({
        sendsLeft: left,
      });
    }
    const fourth = await t.call('POST', `${path}/otp`, { channel: 'SMS' });
    expect(fourth).toMatchObject({ status: 409, body: { code: 'AUTH.SENDS_EXHAUSTED' } });
    expect(t.twilio.messages).toHaveLength(3);
    expect((await t.call<{ attemptsLeft: number }>('GET', path)).body.attemptsLeft).toBe(4);
  });

  it('limits sends per customer across challenges: 429 with Retry-After, then again after it', async () => {
    await t.close();
    // 2 at once, then one every 2 minutes.
    await start({
      AUTH_SENDS_PER_USER_BURST: '2',
      AUTH_SENDS_PER_USER_PER_SECOND: String(1 / 120),
    });
    const a = await t.stepUp({ methods: ['SMS_OTP'] });
    const b = await t.stepUp({ methods: ['SMS_OTP'] });
    expect((await t.call('POST', `/v1/challenges/${a.id}/otp`, { channel: 'SMS' })).status).toBe(
      202,
    );
    expect((await t.call('POST', `/v1/challenges/${a.id}/otp`, { channel: 'SMS' })).status).toBe(
      202,
    );
    const limited = await t.call('POST', `/v1/challenges/${b.id}/otp`, { channel: 'SMS' });
    expect(limited).toMatchObject({ status: 429, body: { code: 'AUTH.RATE_LIMITED' } });
    expect(limited.headers.get('retry-after')).toBe('120');
    t.clock.advance(2 * MIN);
    expect((await t.call('POST', `/v1/challenges/${b.id}/otp`, { channel: 'SMS' })).status).toBe(
      202,
    );
  });

  it('answers 503 when Twilio is down, and the code can be sent on a retry', async () => {
    const c = await t.stepUp({ methods: ['SMS_OTP'] });
    t.twilio.failNext(1);
    const down = await t.call('POST', `/v1/challenges/${c.id}/otp`, { channel: 'SMS' });
    expect(down).toMatchObject({ status: 503, body: { code: 'AUTH.PROVIDER_UNAVAILABLE' } });
    expect((await t.call('POST', `/v1/challenges/${c.id}/otp`, { channel: 'SMS' })).status).toBe(
      202,
    );
  });

  describe('e-mail codes', () => {
    it('are refused unless the bank enabled them', async () => {
      const c = await t.stepUp({ methods: ['EMAIL_OTP'], riskLevel: 'MEDIUM' });
      const res = await t.call('POST', `/v1/challenges/${c.id}/otp`, { channel: 'EMAIL' });
      expect(res).toMatchObject({ status: 403, body: { code: 'AUTH.METHOD_NOT_ALLOWED' } });
    });

    it('pass a medium-risk step-up where enabled, and never a high-risk one', async () => {
      await t.close();
      await start({ AUTH_EMAIL_OTP_TENANTS: TENANT });
      const high = await t.stepUp({ methods: ['EMAIL_OTP'], riskLevel: 'HIGH' });
      const refused = await t.call('POST', `/v1/challenges/${high.id}/otp`, { channel: 'EMAIL' });
      expect(refused).toMatchObject({ status: 403, body: { code: 'AUTH.METHOD_NOT_ALLOWED' } });
      expect(t.twilio.messages).toEqual([]);

      const medium = await t.stepUp({ methods: ['EMAIL_OTP'], riskLevel: 'MEDIUM' });
      expect(
        (await t.call('POST', `/v1/challenges/${medium.id}/otp`, { channel: 'EMAIL' })).status,
      ).toBe(202);
      expect(t.twilio.messages.at(-1)).toMatchObject({ to: ALICE.email, channel: 'email' });
      const code = t.twilio.lastCode(ALICE.email) ?? '';
      const res = await t.call('POST', `/v1/challenges/${medium.id}/verify`, {
        method: 'EMAIL_OTP',
        code,
      });
      expect(res.body).toEqual({ status: 'PASSED', attemptsLeft: 4 });
    });
  });
});
