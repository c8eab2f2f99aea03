import type { PolicyDocument } from './policy-document.ts';

/**
 * The built-in policy (id `default`, version 0): every rule kind with SPEC §5 defaults. Weights
 * are tuned so that the SPEC §5 defaults hold (see default-policy.test.ts); sources per threshold.
 */
export const DEFAULT_POLICY: PolicyDocument = {
  id: 'default',
  version: 0,
  description: 'Sentinel defaults (SPEC §5).',
  signalMaxAgeSeconds: 300, // SPEC §5: matches the 5-minute poll
  smsOtpBlockedForHours: 168, // SPEC §5: no SMS codes for 7 days after a swap
  levels: { mediumFrom: 31, highFrom: 61 }, // SPEC §5: LOW 0–30, MEDIUM 31–60, HIGH 61–100
  actions: { LOW: 'APPROVE', MEDIUM: 'STEP_UP', HIGH: 'STEP_UP', CRITICAL: 'DENY' },
  stepUp: {
    // Phishing-resistant first; SMS and e-mail only when the SIM is not in doubt.
    preference: ['WEBAUTHN', 'TOTP', 'SMS_OTP', 'EMAIL_OTP'],
    // SPEC §5: no safe step-up after a known recent swap → DENY with NO_SAFE_STEP_UP. An
    // untrusted telco signal alone is held for out-of-band verification instead (outcome.ts).
    whenNoSafeMethod: 'DENY',
    challengeTtlSeconds: 300,
  },
  // Issue 12: a day is short against the UK's outer bound (end of the 4th business day after
  // receipt for a suspected-fraud delay); no South African rule was found. A passed out-of-band
  // verification releases; a failed step-up reverses (the payment is never sent).
  escrow: { holdHours: 24, release: 'VERIFICATION', onStepUpFailed: 'REVERSE' },
  // SPEC §4/§8: never a 500; step up, but deny R50,000 and more blind.
  dependencyUnavailable: { action: 'STEP_UP', denyFromMinor: { ZAR: 5_000_000 } },
  rules: [
    {
      id: 'sim-swap-recency',
      kind: 'simSwapRecency',
      // Sentinel pitch / CAMARA decision matrix: <24 h critical, 24–72 h high, 3–7 d medium,
      // 7–30 d elevated. 70 alone is HIGH (step-up), not CRITICAL: a swap on the customer's own
      // bound device must still be able to step up (SPEC §5).
      params: {
        bands: [
          { withinHours: 24, weight: 70 },
          { withinHours: 72, weight: 50 },
          { withinHours: 168, weight: 35 },
          { withinHours: 720, weight: 20 },
        ],
      },
    },
    {
      id: 'telco-signal-freshness',
      kind: 'telcoSignalFreshness',
      // SPEC §5: escrow (not the score) carries this; weights only rank the reason.
      params: { staleWeight: 20, unavailableWeight: 30 },
    },
    // Sentinel pitch: IMEI differs from the last IMEI seen with this number.
    { id: 'imei-drift', kind: 'imeiDrift', params: { weight: 40 } },
    {
      id: 'device-binding',
      kind: 'deviceBinding',
      // Sentinel pitch: device bound less than N hours ago (N = 24) or not at all.
      params: {
        unknownUserWeight: 15,
        unknownDeviceWeight: 40,
        recentlyBoundWeight: 25,
        minBoundHours: 24,
      },
    },
    {
      id: 'device-change-after-sim-swap',
      kind: 'deviceChangeAfterSimSwap',
      // Batch rule set: new device within 48 h of a swap; SPEC §5: < 24 h → DENY (critical).
      params: { withinHours: 48, criticalWithinHours: 24, minBoundHours: 24, weight: 40 },
    },
    {
      id: 'impossible-travel',
      kind: 'impossibleTravel',
      params: { maxSpeedKmh: 900, weight: 50 }, // Sentinel pitch: > 900 km/h (airliner cruise)
    },
    {
      id: 'sudden-location-change',
      kind: 'suddenLocationChange',
      params: { minDistanceKm: 100, windowHours: 24, weight: 20 }, // batch rule set: > 100 km
    },
    {
      id: 'velocity-count',
      kind: 'velocityCount',
      params: { windowMinutes: 60, maxCount: 5, weight: 30 }, // common practice: count per hour
    },
    {
      id: 'velocity-amount',
      kind: 'velocityAmount',
      // Common practice: sum per hour; R20,000 is a judgement for retail PayShap, tune per bank.
      params: { windowMinutes: 60, thresholdMinor: { ZAR: 2_000_000 }, weight: 30 },
    },
    {
      id: 'amount-anomaly',
      kind: 'amountAnomaly',
      params: { multiplier: 5, minSamples: 5, weight: 30 }, // common practice: ≥ 5× the median
    },
    {
      id: 'new-payee-high-amount',
      kind: 'newPayeeHighAmount',
      params: { thresholdMinor: { ZAR: 500_000 }, weight: 25 }, // common practice: R5,000
    },
    {
      id: 'failed-logins',
      kind: 'failedLogins',
      params: { minCount: 3, windowHours: 24, weight: 25 }, // batch rule set: ≥ 3 in 24 h
    },
    // The request names another line than the bank registered: the SIM signal may be the wrong one.
    { id: 'phone-mismatch', kind: 'phoneMismatch', params: { weight: 40 } },
    {
      id: 'behavior-anomaly',
      kind: 'behaviorAnomaly',
      // SHIELD's fusion (SPEC §6) on its confidence scale (0–100, high = like the user), mapped
      // onto Sentinel: "block" is critical (→ DENY), "step-up" a MEDIUM weight. Silent without a
      // snapshot and a baseline.
      params: {
        swapActiveWithinHours: 72, // CAMARA decision matrix: a swap < 72 h is high risk
        whenSwapActive: {
          // SHIELD 1: swap active and behaviour < 45 → score ≤ 25, critical, block and freeze.
          lowConfidenceBelow: 45,
          lowConfidenceCap: 25,
          lowConfidence: { weight: 100, critical: true, freeze: true },
          multiplier: 0.6, // SHIELD 2: swap active → behaviour × 0.6
        },
        bands: [
          // SHIELD 3: < 30 critical, block and freeze.
          {
            confidenceBelow: 30,
            shieldLevel: 'CRITICAL',
            weight: 100,
            critical: true,
            freeze: true,
          },
          // SHIELD 4: < 45 high, block (Sentinel's HIGH steps up, so this one is critical).
          { confidenceBelow: 45, shieldLevel: 'HIGH', weight: 70, critical: true, freeze: false },
          // SHIELD 5: < 70 medium, step-up (weight in Sentinel's MEDIUM band); else low.
          {
            confidenceBelow: 70,
            shieldLevel: 'MEDIUM',
            weight: 40,
            critical: false,
            freeze: false,
          },
        ],
        flagAboveZ: 2.5, // SPEC §6
        maxAnomalies: 3,
        // A real app may miss a sensor (no mouse on a phone…): up to 5 are imputed (z = 0).
        maxMissingFeatures: 5,
        invalidSnapshotWeight: 40, // unscorable: step up rather than trust or deny
      },
    },
    {
      id: 'fleet-anomaly',
      kind: 'fleetAnomaly',
      // SHIELD fleet_anomaly.py / SPEC §5: one device on ≥ 2 accounts within 60 min → critical,
      // freeze the accounts involved. Issue 10: not the device's own (bound) customer, who steps
      // up — device ids are not secret, so a fleet can be faked on anyone's phone id.
      params: {
        windowMinutes: 60,
        minAccounts: 2,
        weight: 100,
        freeze: true,
        freezeBoundCustomer: false,
      },
    },
    // Issue 4: a frozen account is denied with ACCOUNT_FROZEN until an admin unfreezes it.
    { id: 'account-frozen', kind: 'accountFrozen', params: { weight: 100 } },
  ],
};
