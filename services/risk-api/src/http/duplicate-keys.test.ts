import { describe, expect, it } from 'vitest';
import { ALICE, aliceProfile, alicePayment, memoryAdapters, testApi } from '../testing/harness.ts';

/** A payment body as text with `extra` spliced in before the closing brace. */
const paymentWith = (extra: string) => JSON.stringify(alicePayment()).slice(0, -1) + extra + '}';

describe('duplicate JSON keys', () => {
  const t = testApi({ adapters: memoryAdapters() });

  it.each([
    ['the amount twice', paymentWith(',"amount":{"minor":100,"currency":"ZAR"}'), 'amount'],
    ['an escaped amount', paymentWith(',"\\u0061mount":{"minor":100,"currency":"ZAR"}'), 'amount'],
    [
      'the device id twice, nested',
      paymentWith(',"device":{"id":"x","\\u0069d":"y"}').replace('"device":{', '"device0":{'),
      'device.id',
    ],
  ])('400 REQUEST.DUPLICATE_KEY for %s', async (_label, body, path) => {
    const res = await t.call('POST', '/v1/assess-payment', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REQUEST.DUPLICATE_KEY');
    expect(res.body.errors).toEqual([{ path, message: 'duplicate key' }]);
  });

  it('on every write endpoint', async () => {
    const profile = JSON.stringify(aliceProfile()).slice(0, -1) + ',"phoneNumber":"+27821119999"}';
    const res = await t.call('PUT', `/v1/users/${ALICE.userId}`, profile);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REQUEST.DUPLICATE_KEY');
  });

  it('malformed JSON stays malformed, whatever keys it repeats', async () => {
    const res = await t.call('POST', '/v1/assess-payment', '{"amount":1,"amount":2');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REQUEST.MALFORMED_JSON');
  });

  it('the same key in different objects is fine', async () => {
    const res = await t.call('POST', '/v1/assess-payment', alicePayment());
    expect(res.status).toBe(200);
  });
});
