import { describe, expect, it } from 'vitest';
import { assess } from '../assess.ts';
import type { ContextOverrides } from '../testing/fixtures.ts';
import {
  aContext,
  aSignal,
  CAPE_TOWN,
  compiled,
  hoursAgo,
  JOHANNESBURG,
} from '../testing/fixtures.ts';
import { BATCH_POLICY } from './batch-policy.ts';
import { compilePolicy } from './compile-policy.ts';

const POLICY = compiled(BATCH_POLICY);

const swapped = (hours: number): ContextOverrides => ({
  signal: aSignal({ lastSwapAt: hoursAgo(hours) }),
});
const NEW_DEVICE = { id: 'dev-new' };
const ROAMING = { roaming: true, roamingCountry: 'MZ' };
const BUSY_LINE = {
  cellTowerChanges24h: 30,
  usualCellTowerChangesPerDay: 4,
  dataMb24h: 2400,
  usualDataMbPerDay: 300,
  calls24h: 45,
  usualCallsPerDay: 5,
  sms24h: 80,
  usualSmsPerDay: 6,
};
const { sms24h: _sms, usualSmsPerDay: _usualSms, ...THREE_BUSY_MEASURES } = BUSY_LINE;

// One row of an activity file as the batch will hand it to the engine: the context overrides.
const ROWS: readonly (readonly [string, ContextOverrides, number, string, readonly string[]])[] = [
  ['a quiet subscriber', {}, 0, 'LOW', []],
  ['a SIM change 10 h ago alone', swapped(10), 20, 'LOW', ['SIM_SWAP_RECENT']],
  ['a SIM change 80 h ago (outside 72 h)', swapped(80), 0, 'LOW', []],
  [
    'a SIM change 10 h ago, roaming in MZ',
    { ...swapped(10), payment: { telcoUsage: ROAMING } },
    40,
    'MEDIUM',
    ['SIM_SWAP_RECENT', 'ROAMING_AFTER_SIM_SWAP'],
  ],
  [
    'a SIM change 30 h ago and a new device',
    { ...swapped(30), payment: { device: NEW_DEVICE } },
    45,
    'MEDIUM',
    ['DEVICE_CHANGE_AFTER_SIM_SWAP', 'SIM_SWAP_RECENT'],
  ],
  [
    'a SIM change 2 h ago, a new device, roaming',
    { ...swapped(2), payment: { device: NEW_DEVICE, telcoUsage: ROAMING } },
    65,
    'HIGH',
    ['DEVICE_CHANGE_AFTER_SIM_SWAP', 'ROAMING_AFTER_SIM_SWAP', 'SIM_SWAP_RECENT'],
  ],
  [
    '3 failed logins and a jump to Cape Town',
    {
      payment: { location: { ...CAPE_TOWN, source: 'GPS' } },
      history: {
        failedLogins: [hoursAgo(1), hoursAgo(2), hoursAgo(3)],
        lastLocation: { ...JOHANNESBURG, source: 'GPS', at: hoursAgo(20) },
      },
    },
    30,
    'LOW',
    ['FAILED_LOGINS', 'LOCATION_JUMP'],
  ],
  [
    'three usage measures far above the usual day',
    { payment: { telcoUsage: THREE_BUSY_MEASURES } },
    30,
    'LOW',
    ['CALL_PATTERN_ANOMALY', 'CELL_TOWER_CHANGES_ANOMALY', 'DATA_USAGE_ANOMALY'],
  ],
  [
    'all four usage measures far above the usual day',
    { payment: { telcoUsage: BUSY_LINE } },
    40,
    'MEDIUM',
    [
      'CALL_PATTERN_ANOMALY',
      'CELL_TOWER_CHANGES_ANOMALY',
      'DATA_USAGE_ANOMALY',
      'SMS_PATTERN_ANOMALY',
    ],
  ],
  [
    'everything at once (capped at 100, never CRITICAL)',
    {
      ...swapped(1),
      payment: {
        device: NEW_DEVICE,
        location: { ...CAPE_TOWN, source: 'GPS' },
        telcoUsage: { ...BUSY_LINE, ...ROAMING },
      },
      history: {
        failedLogins: [hoursAgo(1), hoursAgo(2), hoursAgo(3)],
        lastLocation: { ...JOHANNESBURG, source: 'GPS', at: hoursAgo(20) },
      },
    },
    100,
    'HIGH',
    [
      'CALL_PATTERN_ANOMALY',
      'CELL_TOWER_CHANGES_ANOMALY',
      'DATA_USAGE_ANOMALY',
      'DEVICE_CHANGE_AFTER_SIM_SWAP',
      'FAILED_LOGINS',
      'LOCATION_JUMP',
      'ROAMING_AFTER_SIM_SWAP',
      'SIM_SWAP_RECENT',
      'SMS_PATTERN_ANOMALY',
    ],
  ],
];

describe('BATCH_POLICY', () => {
  it('compiles with its nine rules and the LOW 0–30, MEDIUM 31–60, HIGH 61–100 bands', () => {
    const result = compilePolicy(BATCH_POLICY);
    expect(result.ok).toBe(true);
    expect(result.policy?.rules).toHaveLength(9);
    expect(result.policy?.document.levels).toEqual({ mediumFrom: 31, highFrom: 61 });
  });

  it.each(ROWS)('scores %s', (_label, row, score, level, codes) => {
    const result = assess(aContext(row), POLICY);
    expect(result.riskScore).toBe(score);
    expect(result.riskLevel).toBe(level);
    expect(result.reasons.map((r) => r.code).sort()).toEqual([...codes].sort());
  });
});
