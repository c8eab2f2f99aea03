// The SPEC §5 defaults that must hold with DEFAULT_POLICY, end to end through `assess`.
import { describe, expect, it } from 'vitest';
import { assess } from './assess.ts';
import { DEFAULT_POLICY } from './policy/default-policy.ts';
import { aHandBaseline, snapshotScoring } from './testing/behavior-fixtures.ts';
import {
  aContext,
  aProfile,
  aSignal,
  compiled,
  hoursAgo,
  IMEI,
  JOHANNESBURG,
  minutesAgo,
  NOW,
  OTHER_IMEI,
  PHONE,
} from './testing/fixtures.ts';

const POLICY = compiled();
const swappedMinutesAgo = (minutes: number) => aSignal({ lastSwapAt: minutesAgo(minutes) });

describe('SPEC §5 defaults with DEFAULT_POLICY', () => {
  it('a clean, known user on a bound device → APPROVE with score 0', () => {
    const result = assess(aContext(), POLICY);
    expect(result).toEqual({
      action: 'APPROVE',
      riskScore: 0,
      riskLevel: 'LOW',
      reasons: [],
      freeze: false,
      effects: {
        freezes: [],
        history: {
          userId: 'u-1',
          payment: { at: NOW, amount: { minor: 25_000, currency: 'ZAR' }, action: 'APPROVE' },
          location: { ...JOHANNESBURG, accuracyM: 20, source: 'GPS', at: NOW },
          imei: { imei: IMEI, phoneNumber: PHONE, at: NOW },
        },
        sighting: { userId: 'u-1', deviceId: 'dev-1', at: NOW, bound: true },
      },
      signals: {
        simSwap: { lastSwapAt: null, ageHours: null, freshness: 'FRESH', source: 'camara' },
      },
      policy: { id: 'default', version: 0 },
    });
  });

  it('SIM swapped 5 minutes ago on the own bound device → STEP_UP with WEBAUTHN only (no SMS, no e-mail)', () => {
    const ctx = aContext({
      signal: swappedMinutesAgo(5),
      profile: aProfile({ enrolledFactors: ['WEBAUTHN'] }),
    });
    const result = assess(ctx, POLICY);
    expect(result).toMatchObject({
      action: 'STEP_UP',
      riskLevel: 'HIGH',
      stepUp: { methods: ['WEBAUTHN'] },
    });
    expect(result.reasons.map((r) => r.code)).toEqual(['SIM_SWAP_RECENT']);
    expect(result.reasons[0]?.message).toBe('SIM changed 5 min ago');
    expect(result.escrow).toBeUndefined();
    expect(result.signals.simSwap).toEqual({
      lastSwapAt: minutesAgo(5),
      ageHours: 0.1,
      freshness: 'FRESH',
      source: 'camara',
    });
  });

  it.each([
    [
      'a new device',
      aContext({ signal: swappedMinutesAgo(90), payment: { device: { id: 'dev-new' } } }),
    ],
    [
      'a device bound an hour ago',
      aContext({
        signal: swappedMinutesAgo(90),
        profile: aProfile({ devices: [{ id: 'dev-1', imei: IMEI, boundAt: hoursAgo(1) }] }),
      }),
    ],
    [
      'IMEI drift',
      aContext({
        signal: swappedMinutesAgo(90),
        history: { lastImei: { imei: OTHER_IMEI, phoneNumber: PHONE, at: hoursAgo(20) } },
      }),
    ],
    [
      'a new device 23 h after the swap',
      aContext({
        signal: aSignal({ lastSwapAt: hoursAgo(23) }),
        payment: { device: { id: 'dev-new' } },
      }),
    ],
  ])('SIM swapped < 24 h + %s → DENY (CRITICAL)', (_label, ctx) => {
    const result = assess(ctx, POLICY);
    expect(result).toMatchObject({ action: 'DENY', riskLevel: 'CRITICAL' });
    expect(result.reasons.map((r) => r.code)).toContain('DEVICE_CHANGE_AFTER_SIM_SWAP');
    expect(result.stepUp).toBeUndefined();
    expect(result.escrow).toBeUndefined();
  });

  it.each([
    ['STALE', aSignal({ checkedAt: hoursAgo(1) }), 'TELCO_SIGNAL_STALE'],
    ['UNAVAILABLE', null, 'TELCO_SIGNAL_UNAVAILABLE'],
  ])('telco signal %s → STEP_UP held in escrow (%s), no SMS', (freshness, signal, code) => {
    const result = assess(aContext({ signal }), POLICY);
    expect(result.signals.simSwap.freshness).toBe(freshness);
    expect(result).toMatchObject({
      action: 'STEP_UP',
      stepUp: { methods: ['WEBAUTHN'] },
      escrow: { reason: code },
    });
    expect(result.reasons.map((r) => r.code)).toEqual([code]);
  });

  it('SIM swapped < 24 h on the bound device, no passkey, no TOTP → DENY with NO_SAFE_STEP_UP', () => {
    const ctx = aContext({
      signal: swappedMinutesAgo(30),
      profile: aProfile({ enrolledFactors: [] }),
    });
    const result = assess(ctx, POLICY);
    expect(result).toMatchObject({ action: 'DENY', riskLevel: 'HIGH', riskScore: 70 });
    expect(result.reasons.map((r) => r.code)).toEqual(['SIM_SWAP_RECENT', 'NO_SAFE_STEP_UP']);
    expect(result.reasons[1]).toMatchObject({
      weight: 0,
      evidence: { simInDoubt: true, enrolledFactors: 0 },
    });
    expect(result.stepUp).toBeUndefined();
    expect(result.escrow).toBeUndefined();
  });

  it('… and with whenNoSafeMethod ESCROW → held for out-of-band verification', () => {
    const policy = compiled({
      ...DEFAULT_POLICY,
      stepUp: { ...DEFAULT_POLICY.stepUp, whenNoSafeMethod: 'ESCROW' },
    });
    const ctx = aContext({
      signal: swappedMinutesAgo(30),
      profile: aProfile({ enrolledFactors: [] }),
    });
    const result = assess(ctx, policy);
    expect(result).toMatchObject({
      action: 'STEP_UP',
      stepUp: { methods: ['OUT_OF_BAND'] },
      escrow: { reason: 'NO_SAFE_STEP_UP' },
    });
    expect(result.reasons.map((r) => r.code)).toEqual(['SIM_SWAP_RECENT', 'NO_SAFE_STEP_UP']);
  });

  // Issue 12's measurement: a customer whose operator does not cover them (no signal) and who has
  // no passkey or TOTP was refused every payment (TELCO_SIGNAL_UNAVAILABLE + NO_SAFE_STEP_UP →
  // DENY). An untrusted signal alone never denies: held for an out-of-band verification.
  it.each([
    ['UNAVAILABLE', null, 'TELCO_SIGNAL_UNAVAILABLE'],
    ['STALE', aSignal({ checkedAt: hoursAgo(1) }), 'TELCO_SIGNAL_STALE'],
    [
      'STALE, last known swap 40 days ago',
      aSignal({ lastSwapAt: minutesAgo(40 * 24 * 60), checkedAt: hoursAgo(1) }),
      'TELCO_SIGNAL_STALE',
    ],
  ])(
    'telco signal %s, no passkey, no TOTP → STEP_UP out of band, held (%s), never DENY',
    (_label, signal, code) => {
      const result = assess(
        aContext({ signal, profile: aProfile({ enrolledFactors: [] }) }),
        POLICY,
      );
      expect(result).toMatchObject({
        action: 'STEP_UP',
        stepUp: { methods: ['OUT_OF_BAND'] },
        escrow: { reason: code },
      });
      expect(result.reasons.map((r) => r.code)).toEqual([code, 'NO_SAFE_STEP_UP']);
    },
  );

  it('a stale signal whose last value is a swap 2 h ago, no passkey, no TOTP → still DENY', () => {
    const result = assess(
      aContext({
        signal: aSignal({ lastSwapAt: minutesAgo(120), checkedAt: hoursAgo(1) }),
        profile: aProfile({ enrolledFactors: [] }),
      }),
      POLICY,
    );
    expect(result.signals.simSwap.freshness).toBe('STALE');
    expect(result.action).toBe('DENY');
    expect(result.reasons.map((r) => r.code)).toContain('NO_SAFE_STEP_UP');
    expect(result.escrow).toBeUndefined();
  });

  it('the same customer without a swap can still step up by SMS or e-mail', () => {
    const ctx = aContext({
      payment: { device: { id: 'dev-new' } },
      profile: aProfile({ enrolledFactors: [] }),
    });
    expect(assess(ctx, POLICY)).toMatchObject({
      action: 'STEP_UP',
      stepUp: { methods: ['SMS_OTP', 'EMAIL_OTP'] },
    });
  });

  it('fleet anomaly → DENY and freeze the accounts involved', () => {
    const ctx = aContext({
      payment: { device: { id: 'dev-x' } },
      deviceSightings: [{ userId: 'u-2', deviceId: 'dev-x', at: minutesAgo(20), bound: false }],
    });
    const result = assess(ctx, POLICY);
    expect(result).toMatchObject({ action: 'DENY', riskLevel: 'CRITICAL', freeze: true });
    expect(result.reasons[0]?.code).toBe('FLEET_ANOMALY');
    expect(result.effects.freezes).toEqual([
      { userId: 'u-1', reason: 'FLEET_ANOMALY' },
      { userId: 'u-2', reason: 'FLEET_ANOMALY' },
    ]);
  });

  it('fleet anomaly on the customer’s own bound device → STEP_UP, the others frozen', () => {
    const ctx = aContext({
      deviceSightings: [{ userId: 'u-2', deviceId: 'dev-1', at: minutesAgo(20), bound: false }],
    });
    const result = assess(ctx, POLICY);
    expect(result).toMatchObject({ action: 'STEP_UP', riskLevel: 'HIGH', freeze: false });
    expect(result.reasons.map((r) => r.code)).toEqual(['FLEET_ANOMALY']);
    expect(result.effects.freezes).toEqual([{ userId: 'u-2', reason: 'FLEET_ANOMALY' }]);
  });

  it('a frozen account → DENY with ACCOUNT_FROZEN (not frozen again)', () => {
    const result = assess(aContext({ accountFrozen: true }), POLICY);
    expect(result).toMatchObject({ action: 'DENY', riskLevel: 'CRITICAL', freeze: false });
    expect(result.reasons.map((r) => r.code)).toEqual(['ACCOUNT_FROZEN']);
  });

  it('is deterministic: the same input twice gives deep-equal output', () => {
    const ctx = aContext({ signal: swappedMinutesAgo(45), payment: { device: { id: 'dev-new' } } });
    expect(assess(ctx, POLICY)).toEqual(assess(ctx, compiled()));
  });
});

// SHIELD's outcomes (SPEC §6) through Sentinel: the behaviour confidence (high = like the user)
// against a hand-made baseline that scores a snapshot exactly as asked (see behavior-fixtures).
describe('SPEC §6 SHIELD fusion with DEFAULT_POLICY', () => {
  const withBehavior = (confidence: number, swapMinutesAgo: number | null) =>
    aContext({
      payment: { behavior: { features: snapshotScoring(confidence) } },
      behavior: { baseline: aHandBaseline() },
      signal: aSignal({ lastSwapAt: swapMinutesAgo === null ? null : minutesAgo(swapMinutesAgo) }),
    });

  it.each([
    ['the user, no swap → APPROVE', 92, null, 'APPROVE', false, []],
    ['unusual (< 70), no swap → STEP_UP', 60, null, 'STEP_UP', false, ['BEHAVIOR_ANOMALY']],
    ['very unusual (< 45), no swap → DENY', 40, null, 'DENY', false, ['BEHAVIOR_ANOMALY']],
    ['a stranger (< 30) → DENY and freeze', 25, null, 'DENY', true, ['BEHAVIOR_ANOMALY']],
    [
      'the user just after a swap (× 0.6 = 55) → STEP_UP',
      92,
      5,
      'STEP_UP',
      false,
      ['SIM_SWAP_RECENT', 'BEHAVIOR_ANOMALY'],
    ],
    [
      'same-device takeover after a swap (80 × 0.6 = 48) → STEP_UP',
      80,
      5,
      'STEP_UP',
      false,
      ['SIM_SWAP_RECENT', 'BEHAVIOR_ANOMALY'],
    ],
    [
      'a stranger after a swap (< 45) → DENY and freeze',
      44,
      5,
      'DENY',
      true,
      ['BEHAVIOR_ANOMALY', 'SIM_SWAP_RECENT'],
    ],
  ])('%s', (_label, confidence, swap, action, freeze, codes) => {
    const result = assess(withBehavior(confidence, swap), POLICY);
    expect(result).toMatchObject({ action, freeze });
    expect(result.reasons.map((r) => r.code)).toEqual(codes);
    expect(result.signals.behavior).toMatchObject({ score: confidence, baselineVersion: 7 });
  });

  it('a SIM swap on the own device with the user’s behaviour still offers WEBAUTHN only', () => {
    expect(assess(withBehavior(92, 5), POLICY).stepUp).toEqual({ methods: ['WEBAUTHN'] });
  });
});
