import { DEFAULT_POLICY } from './default-policy.ts';
import type { PolicyDocument } from './policy-document.ts';

/**
 * The batch rule set (id `batch`): the nine rules of the rule-based detector that scores telco
 * activity files, with its thresholds and weights where it states them (issue 16). Where it does
 * not, the number is Sentinel's choice and says so. Everything else (actions, step-up, escrow) is
 * DEFAULT_POLICY's; a batch run reads only the score and the level.
 */
export const BATCH_POLICY: PolicyDocument = {
  ...DEFAULT_POLICY,
  id: 'batch',
  description: 'The batch rule set: nine rules, LOW 0–30, MEDIUM 31–60, HIGH 61–100 (issue 16).',
  levels: { mediumFrom: 31, highFrom: 61 }, // detector: LOW 0–30, MEDIUM 31–60, HIGH 61–100
  rules: [
    {
      id: 'sim-swap-recency',
      kind: 'simSwapRecency',
      params: { bands: [{ withinHours: 72, weight: 20 }] }, // detector: SIM change < 72 h → 20
    },
    {
      id: 'device-change-after-sim-swap',
      kind: 'deviceChangeAfterSimSwap',
      // Detector: new device < 48 h after the SIM change → 25. It has no hard rule, so never
      // critical here (0); a device bound < 24 h counts as new, as in DEFAULT_POLICY.
      params: { withinHours: 48, criticalWithinHours: 0, minBoundHours: 24, weight: 25 },
    },
    {
      id: 'sudden-location-change',
      kind: 'suddenLocationChange',
      // Detector: > 100 km. Window 24 h and weight 15 are our choice (the detector's row is a day).
      params: { minDistanceKm: 100, windowHours: 24, weight: 15 },
    },
    {
      id: 'failed-logins',
      kind: 'failedLogins',
      params: { minCount: 3, windowHours: 24, weight: 15 }, // detector: ≥ 3; 24 h and 15 our choice
    },
    // Usage rules: our choice, 3× the subscriber's usual day and an absolute floor so a quiet line
    // doubling a tiny number does not fire; 10 each, so usage alone stays LOW unless three or more
    // measures jump together (30 + anything else → MEDIUM).
    {
      id: 'cell-tower-changes',
      kind: 'cellTowerChanges',
      params: { multiplier: 3, minValue: 10, weight: 10 }, // our choice: ≥ 10 changes and ≥ 3×
    },
    {
      id: 'data-usage',
      kind: 'dataUsage',
      params: { multiplier: 3, minValue: 500, weight: 10 }, // our choice: ≥ 500 MB and ≥ 3×
    },
    {
      id: 'call-pattern',
      kind: 'callPattern',
      params: { multiplier: 3, minValue: 20, weight: 10 }, // our choice: ≥ 20 calls and ≥ 3×
    },
    {
      id: 'sms-pattern',
      kind: 'smsPattern',
      params: { multiplier: 3, minValue: 20, weight: 10 }, // our choice: ≥ 20 SMS and ≥ 3×
    },
    {
      id: 'roaming-after-sim-swap',
      kind: 'roamingAfterSimSwap',
      // Our choice: the detector's SIM window (72 h) and weight 20, as strong as the swap itself:
      // swap + roaming = 40 (MEDIUM); with a new device too, 65 (HIGH).
      params: { withinHours: 72, weight: 20 },
    },
  ],
};
