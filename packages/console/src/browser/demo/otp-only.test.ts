import { describe, expect, it } from 'vitest';
import { otpOnly } from './otp-only.ts';
import { SCENARIOS } from './scenarios.ts';

describe('the OTP-only column: what an SMS code alone would have done', () => {
  it.each([
    [{ legitimate: true, simSwapped: false, attackerHoldsPhone: false }, 'APPROVE'],
    [{ legitimate: false, simSwapped: true, attackerHoldsPhone: false }, 'APPROVE'],
    [{ legitimate: false, simSwapped: false, attackerHoldsPhone: true }, 'APPROVE'],
    [{ legitimate: false, simSwapped: false, attackerHoldsPhone: false }, 'STOPPED'],
  ] as const)('%j → %s', (facts, action) => {
    expect(otpOnly(facts).action).toBe(action);
  });

  it('follows each scenario’s own facts: every swap is approved, the stuffer without a SIM is not', () => {
    const byId = Object.fromEntries(SCENARIOS.map((s) => [s.id, otpOnly(s.otp).action]));
    expect(byId).toEqual({
      legitimate: 'APPROVE',
      scenario_1: 'APPROVE',
      scenario_2: 'APPROVE',
      scenario_3: 'APPROVE',
      scenario_4: 'APPROVE',
      scenario_5: 'STOPPED',
      scenario_6: 'APPROVE',
    });
    // A scenario that swaps the SIM says so in its OTP facts, and the other way round.
    for (const s of SCENARIOS) {
      expect(s.otp.simSwapped).toBe(s.simSwapMinutesAgo !== null);
    }
  });
});
