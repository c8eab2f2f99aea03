import { describe, expect, it } from 'vitest';
import type { StepUpMethod } from './signals.ts';
import { safeStepUpMethods } from './step-up-methods.ts';
import { aProfile } from './testing/fixtures.ts';

const ALL: StepUpMethod[] = ['WEBAUTHN', 'TOTP', 'SMS_OTP', 'EMAIL_OTP'];

describe('safeStepUpMethods', () => {
  it.each([
    ['passkey + TOTP, SIM fine', aProfile({ enrolledFactors: ['TOTP', 'WEBAUTHN'] }), false, ALL],
    [
      'passkey + TOTP, SIM in doubt',
      aProfile({ enrolledFactors: ['TOTP', 'WEBAUTHN'] }),
      true,
      ['WEBAUTHN', 'TOTP'],
    ],
    ['no factors, SIM fine', aProfile({ enrolledFactors: [] }), false, ['SMS_OTP', 'EMAIL_OTP']],
    ['no factors, SIM in doubt', aProfile({ enrolledFactors: [] }), true, []],
    ['no e-mail on file', aProfile({ enrolledFactors: [], contacts: {} }), false, ['SMS_OTP']],
    [
      'an empty e-mail on file',
      aProfile({ enrolledFactors: [], contacts: { email: '' } }),
      false,
      ['SMS_OTP'],
    ],
  ] as const)('%s', (_label, profile, simInDoubt, expected) => {
    expect(safeStepUpMethods(ALL, profile, simInDoubt)).toEqual(expected);
  });

  it("keeps the policy's order of preference, not the customer's", () => {
    const profile = aProfile({ enrolledFactors: ['WEBAUTHN', 'TOTP'] });
    expect(safeStepUpMethods(['EMAIL_OTP', 'TOTP', 'WEBAUTHN'], profile, false)).toEqual([
      'EMAIL_OTP',
      'TOTP',
      'WEBAUTHN',
    ]);
  });

  it('offers nothing the policy does not list', () => {
    expect(safeStepUpMethods(['TOTP'], aProfile(), false)).toEqual([]);
  });

  it('offers nothing to an unknown user', () => {
    expect(safeStepUpMethods(ALL, null, false)).toEqual([]);
  });
});
