import { describe, expect, it } from 'vitest';
import { BATCH_POLICY } from '../policy/batch-policy.ts';
import { DEFAULT_POLICY } from '../policy/default-policy.ts';
import { aHandBaseline, snapshotScoring } from '../testing/behavior-fixtures.ts';
import {
  aContext,
  aSignal,
  CAPE_TOWN,
  JOHANNESBURG,
  defaultParams,
  hoursAgo,
  IMEI,
  minutesAgo,
  OTHER_IMEI,
  PHONE,
  ruleOf,
} from '../testing/fixtures.ts';
import { findRuleKind, RULE_KINDS } from './catalog.ts';

// Everything at once: swap, new device, IMEI drift, travel, velocity, new payee, failed logins,
// a stranger's behaviour, a device shared with another account, a frozen account, every usage
// measure far above the usual day, roaming.
const EVERYTHING = aContext({
  signal: aSignal({ lastSwapAt: hoursAgo(1), checkedAt: hoursAgo(2) }),
  payment: {
    phoneNumber: '+27839999999',
    device: { id: 'dev-new', imei: IMEI },
    amount: { minor: 3_000_000, currency: 'ZAR' },
    payee: { accountId: 'acc-9', isNew: true },
    location: { ...CAPE_TOWN, source: 'IP' },
    behavior: { features: snapshotScoring(20) },
    telcoUsage: {
      cellTowerChanges24h: 40,
      usualCellTowerChangesPerDay: 4,
      dataMb24h: 6000,
      usualDataMbPerDay: 300,
      calls24h: 90,
      usualCallsPerDay: 6,
      sms24h: 120,
      usualSmsPerDay: 5,
      roaming: true,
      roamingCountry: 'MZ',
    },
  },
  behavior: { baseline: aHandBaseline() },
  deviceSightings: [{ userId: 'u-2', deviceId: 'dev-new', at: minutesAgo(10), bound: false }],
  accountFrozen: true,
  history: {
    lastImei: { imei: OTHER_IMEI, phoneNumber: '+27839999999', at: minutesAgo(30) },
    failedLogins: [hoursAgo(1), hoursAgo(2), hoursAgo(3)],
    lastLocation: { ...JOHANNESBURG, accuracyM: 20, source: 'GPS', at: minutesAgo(30) },
    recentPayments: Array.from({ length: 6 }, (_, i) => ({
      decisionId: `d-${i}`,
      at: minutesAgo(i + 1),
      amount: { minor: 10_000, currency: 'ZAR' },
      action: 'APPROVE' as const,
    })),
  },
});

describe('rule catalog', () => {
  it('names every kind once', () => {
    const kinds = RULE_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toHaveLength(21);
  });

  it('finds kinds by name and nothing else', () => {
    expect(findRuleKind('simSwapRecency')?.kind).toBe('simSwapRecency');
    expect(findRuleKind('toString')).toBeUndefined();
  });

  // The telco usage kinds are only in the batch preset: DEFAULT_POLICY's decisions stay as they were.
  const USAGE_KINDS = [
    'callPattern',
    'cellTowerChanges',
    'dataUsage',
    'roamingAfterSimSwap',
    'smsPattern',
  ];

  it('has exactly one default rule per kind but the usage kinds, which the batch preset has', () => {
    expect(DEFAULT_POLICY.rules.map((r) => r.kind).sort()).toEqual(
      RULE_KINDS.map((k) => k.kind)
        .filter((k) => !USAGE_KINDS.includes(k))
        .sort(),
    );
    const batchKinds = BATCH_POLICY.rules.map((r) => r.kind);
    expect(USAGE_KINDS.filter((k) => !batchKinds.includes(k))).toEqual([]);
  });

  it.each(RULE_KINDS.map((k) => [k.kind, k] as const))(
    '%s builds rules that carry its kind and id',
    (_name, kind) => {
      const rule = kind.create('my-id', kind.params.parse(defaultParams(kind)), {
        smsOtpBlockedForHours: 168,
      });
      expect(rule).toMatchObject({ id: 'my-id', kind: kind.kind });
      expect(kind.description.length).toBeGreaterThan(10);
    },
  );

  it.each(RULE_KINDS.map((k) => [k.kind, k] as const))(
    '%s rejects params that are not an object',
    (_name, kind) => {
      expect(kind.params.safeParse('70').success).toBe(false);
    },
  );

  it('every kind fires on the worst case, and none leaks personal data', () => {
    const hits = RULE_KINDS.map((kind) => ruleOf(kind).evaluate(EVERYTHING));
    const fired = hits.flatMap((h) => (h === null ? [] : [h.code]));
    expect(fired.sort()).toEqual([
      'ACCOUNT_FROZEN',
      'AMOUNT_ANOMALY',
      'BEHAVIOR_ANOMALY',
      'CALL_PATTERN_ANOMALY',
      'CELL_TOWER_CHANGES_ANOMALY',
      'DATA_USAGE_ANOMALY',
      'DEVICE_CHANGE_AFTER_SIM_SWAP',
      'DEVICE_UNKNOWN',
      'FAILED_LOGINS',
      'FLEET_ANOMALY',
      'IMEI_DRIFT',
      'IMPOSSIBLE_TRAVEL',
      'LOCATION_JUMP',
      'NEW_PAYEE_HIGH_AMOUNT',
      'PHONE_NUMBER_MISMATCH',
      'ROAMING_AFTER_SIM_SWAP',
      'SIM_SWAP_RECENT',
      'SMS_PATTERN_ANOMALY',
      'TELCO_SIGNAL_STALE',
      'VELOCITY_AMOUNT',
      'VELOCITY_COUNT',
    ]);
    // What a caller sees of a hit (the account ids in `freezeOthers` are orders, never shown).
    const text = JSON.stringify(hits.map((h) => h && { message: h.message, evidence: h.evidence }));
    for (const secret of [PHONE, '+27839999999', IMEI, OTHER_IMEI, '196.25.1.1', 'u-2']) {
      expect(text).not.toContain(secret);
    }
  });
});
