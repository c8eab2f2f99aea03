import { describe, expect, it } from 'vitest';
import { aContext, hoursAgo, IMEI, OTHER_IMEI, PHONE, ruleOf } from '../testing/fixtures.ts';
import { imeiDrift } from './imei-drift.ts';

const rule = ruleOf(imeiDrift);
const lastImei = (imei: string, phoneNumber = PHONE) => ({ imei, phoneNumber, at: hoursAgo(5) });

describe('imeiDrift', () => {
  it('fires when the IMEI differs from the last one seen with this number', () => {
    const ctx = aContext({ history: { lastImei: lastImei(OTHER_IMEI) } });
    expect(rule.evaluate(ctx)).toEqual({
      code: 'IMEI_DRIFT',
      message: 'This phone number is now used in a different handset',
      weight: 40,
      evidence: { referenceSource: 'history', referenceAgeHours: 5 },
    });
  });

  it('falls back to the IMEI the bank registered with the bound device', () => {
    const ctx = aContext({
      payment: { device: { id: 'dev-1', imei: OTHER_IMEI } },
      history: { lastImei: undefined },
    });
    expect(rule.evaluate(ctx)).toMatchObject({
      code: 'IMEI_DRIFT',
      evidence: { referenceSource: 'binding', referenceAgeHours: 90 * 24 },
    });
  });

  it('prefers the last IMEI seen over the registered one (the customer changed handsets)', () => {
    const ctx = aContext({
      payment: { device: { id: 'dev-1', imei: OTHER_IMEI } },
      history: { lastImei: lastImei(OTHER_IMEI) },
    });
    expect(rule.evaluate(ctx)).toBeNull();
  });

  it.each([
    ['the same IMEI', aContext({ history: { lastImei: lastImei(IMEI) } })],
    [
      'the same handset reported as IMEISV',
      aContext({ payment: { device: { id: 'dev-1', imei: '3569380356438012' } } }),
    ],
    [
      'the same IMEI with separators',
      aContext({ payment: { device: { id: 'dev-1', imei: '35-693803-564380-9' } } }),
    ],
    ['no IMEI on the request', aContext({ payment: { device: { id: 'dev-1' } } })],
    ['no IMEI seen before', aContext({ history: { lastImei: undefined } })],
    [
      'an IMEI last seen with another number',
      aContext({ history: { lastImei: lastImei(OTHER_IMEI, '+27830000000') } }),
    ],
  ])('does not fire for %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });

  it('never puts an IMEI in the evidence', () => {
    const hit = rule.evaluate(aContext({ history: { lastImei: lastImei(OTHER_IMEI) } }));
    expect(JSON.stringify(hit)).not.toMatch(/\d{14}/);
  });
});
