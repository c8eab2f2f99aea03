import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../testing/fake-twilio.ts';
import { CodeProviderError } from '../ports/one-time-codes.ts';
import { twilioVerify } from './twilio-verify.ts';

const CREDENTIALS = {
  accountSid: 'AC-test-fake-account',
  authToken: 'fake-auth-token-0001',
  serviceSid: 'VA-test-fake-service',
};
const PAYMENT = { amount: { minor: 125_000, currency: 'ZAR' }, payee: 'ZA-ACC-777' };

describe('Twilio Verify through the real twilio client, against the local fake', () => {
  let fake: FakeTwilio;
  beforeAll(async () => {
    fake = await startFakeTwilio(CREDENTIALS);
  });
  afterAll(() => fake.close());

  it('sends a code with the amount and payee, and approves exactly that code once', async () => {
    const codes = twilioVerify({ ...CREDENTIALS, baseUrl: fake.baseUrl });
    await codes.send('+27821230001', 'sms', PAYMENT);
    expect(fake.messages.at(-1)).toMatchObject({
      to: '+27821230001',
      channel: 'sms',
      amount: 'ZAR 1250.00',
      payee: 'ZA-ACC-777',
    });
    const code = fake.lastCode('+27821230001') ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await codes.check('+27821230001', wrong)).toBe(false);
    expect(await codes.check('+27821230001', code)).toBe(true);
    // Approved: nothing is pending any more (Twilio 20404), so the same code does not pass twice.
    expect(await codes.check('+27821230001', code)).toBe(false);
  });

  it('answers false when nothing was sent, and fails loudly on bad credentials or an outage', async () => {
    const codes = twilioVerify({ ...CREDENTIALS, baseUrl: fake.baseUrl });
    expect(await codes.check('+27820000000', '123456')).toBe(false);
    const wrongToken = twilioVerify({ ...CREDENTIALS, authToken: 'nope', baseUrl: fake.baseUrl });
    await expect(wrongToken.send('+27821230001', 'sms', PAYMENT)).rejects.toBeInstanceOf(
      CodeProviderError,
    );
    fake.failNext(1);
    await expect(codes.send('+27821230001', 'sms', PAYMENT)).rejects.toBeInstanceOf(
      CodeProviderError,
    );
  });
});
