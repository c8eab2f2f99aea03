import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy/default-policy.ts';
import { safeAssessment } from './safe-assessment.ts';
import { aPayment, compiled, NOW } from './testing/fixtures.ts';

const POLICY = compiled();
const paying = (minor: number, currency = 'ZAR') => aPayment({ amount: { minor, currency } });

describe('safeAssessment', () => {
  it('steps up with passkey or TOTP, held in escrow, when the state cannot be read', () => {
    expect(safeAssessment(paying(25_000), POLICY, NOW, 'DEPENDENCY_UNAVAILABLE')).toEqual({
      action: 'STEP_UP',
      riskScore: 61,
      riskLevel: 'HIGH',
      reasons: [
        {
          code: 'DEPENDENCY_UNAVAILABLE',
          message: "The customer's risk state could not be read; the safe action applies",
          weight: 61,
          evidence: { denyFromMinor: 5_000_000 },
        },
      ],
      stepUp: { methods: ['WEBAUTHN', 'TOTP'] },
      escrow: { reason: 'DEPENDENCY_UNAVAILABLE' },
      freeze: false,
      // Remembered for velocity; nothing learned or frozen, no sighting (existence unknown).
      effects: {
        freezes: [],
        history: {
          userId: 'u-1',
          payment: { at: NOW, amount: { minor: 25_000, currency: 'ZAR' }, action: 'STEP_UP' },
        },
        sighting: null,
      },
      signals: {
        simSwap: { lastSwapAt: null, ageHours: null, freshness: 'UNAVAILABLE', source: null },
      },
      policy: { id: 'default', version: 0 },
    });
  });

  it.each([
    [4_999_999, 'ZAR', 'STEP_UP'],
    [5_000_000, 'ZAR', 'DENY'],
    [90_000_000, 'USD', 'STEP_UP'], // no limit configured for USD
  ])('%i minor %s → %s', (minor, currency, action) => {
    expect(
      safeAssessment(paying(minor, currency), POLICY, NOW, 'DEPENDENCY_UNAVAILABLE').action,
    ).toBe(action);
  });

  it('does not hold or step up a denied payment', () => {
    const result = safeAssessment(paying(5_000_000), POLICY, NOW, 'DEPENDENCY_UNAVAILABLE');
    expect(result.stepUp).toBeUndefined();
    expect(result.escrow).toBeUndefined();
  });

  it('answers DENY when the policy says so', () => {
    const policy = compiled({
      ...DEFAULT_POLICY,
      dependencyUnavailable: { action: 'DENY', denyFromMinor: {} },
    });
    expect(safeAssessment(paying(100), policy, NOW, 'DEPENDENCY_UNAVAILABLE').action).toBe('DENY');
  });

  it("offers only the phishing-resistant methods the policy prefers, in the policy's order", () => {
    const policy = compiled({
      ...DEFAULT_POLICY,
      stepUp: { ...DEFAULT_POLICY.stepUp, preference: ['SMS_OTP', 'TOTP'] },
    });
    expect(safeAssessment(paying(100), policy, NOW, 'X').stepUp?.methods).toEqual(['TOTP']);
  });

  it('holds for out-of-band verification when the policy allows neither passkey nor TOTP', () => {
    // The store being down is no more a reason to refuse than a missing telco signal is.
    const stepUp = { ...DEFAULT_POLICY.stepUp, preference: ['SMS_OTP' as const] };
    for (const whenNoSafeMethod of ['DENY', 'ESCROW'] as const) {
      const held = safeAssessment(
        paying(100),
        compiled({ ...DEFAULT_POLICY, stepUp: { ...stepUp, whenNoSafeMethod } }),
        NOW,
        'X',
      );
      expect(held).toMatchObject({
        action: 'STEP_UP',
        stepUp: { methods: ['OUT_OF_BAND'] },
        escrow: { reason: 'X' },
      });
      expect(held.reasons.map((r) => r.code)).toEqual(['X', 'NO_SAFE_STEP_UP']);
    }
  });
});
