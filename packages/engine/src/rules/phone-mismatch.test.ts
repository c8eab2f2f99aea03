import { describe, expect, it } from 'vitest';
import { aContext, aProfile, ruleOf } from '../testing/fixtures.ts';
import { phoneMismatch } from './phone-mismatch.ts';

const rule = ruleOf(phoneMismatch);

describe('phoneMismatch', () => {
  it('fires when the request names another number than the profile', () => {
    const hit = rule.evaluate(aContext({ payment: { phoneNumber: '+27839999999' } }));
    expect(hit).toMatchObject({ code: 'PHONE_NUMBER_MISMATCH', weight: 40, evidence: {} });
    expect(JSON.stringify(hit)).not.toContain('+27');
  });

  it.each([
    ['the same number', aContext()],
    ['an unknown user', aContext({ profile: null, payment: { phoneNumber: '+27839999999' } })],
    ['a profile updated to the request number', aContext({ profile: aProfile(), payment: {} })],
  ])('does not fire for %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });
});
