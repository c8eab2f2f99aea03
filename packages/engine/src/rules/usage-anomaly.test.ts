import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../policy/compile-policy.ts';
import { DEFAULT_POLICY } from '../policy/default-policy.ts';
import type { RuleKind } from '../rule-kind.ts';
import { aContext, ruleOf } from '../testing/fixtures.ts';
import { callPattern } from './call-pattern.ts';
import { cellTowerChanges } from './cell-tower-changes.ts';
import { dataUsage } from './data-usage.ts';
import { smsPattern } from './sms-pattern.ts';
import type { UsageAnomalyParams } from './usage-anomaly.ts';

const PARAMS = { multiplier: 3, minValue: 10, weight: 10 };

// Each kind with its code and the two `telcoUsage` keys it compares.
const KINDS: readonly (readonly [RuleKind<UsageAnomalyParams>, string, string, string])[] = [
  [
    cellTowerChanges,
    'CELL_TOWER_CHANGES_ANOMALY',
    'cellTowerChanges24h',
    'usualCellTowerChangesPerDay',
  ],
  [dataUsage, 'DATA_USAGE_ANOMALY', 'dataMb24h', 'usualDataMbPerDay'],
  [callPattern, 'CALL_PATTERN_ANOMALY', 'calls24h', 'usualCallsPerDay'],
  [smsPattern, 'SMS_PATTERN_ANOMALY', 'sms24h', 'usualSmsPerDay'],
];

const usage = (telcoUsage: Record<string, unknown> | undefined) =>
  aContext({ payment: { telcoUsage } });

describe.each(KINDS.map(([kind, code, last24h, usual]) => ({ kind, code, last24h, usual })))(
  'usage anomaly $kind.kind',
  ({ kind, code, last24h, usual }) => {
    const rule = ruleOf(kind, PARAMS);

    it.each([
      ['3× the usual day', 15, 5, 3],
      ['far above the usual day', 60, 4, 15],
      ['a line with no usual activity, above the floor', 10, 0, null],
    ])('fires at %s', (_label, value, usualPerDay, ratio) => {
      const hit = rule.evaluate(usage({ [last24h]: value, [usual]: usualPerDay }));
      expect(hit).toMatchObject({
        code,
        weight: 10,
        evidence: { value, usualPerDay, ratio, multiplier: 3 },
      });
      expect(hit?.message).toContain(`${value} `);
      expect(hit?.critical).toBeUndefined();
    });

    it.each([
      ['just under 3× the usual day', { [last24h]: 14, [usual]: 5 }],
      ['3× the usual day but under the floor', { [last24h]: 9, [usual]: 3 }],
      ['no usual activity and under the floor', { [last24h]: 2, [usual]: 0 }],
      ['the measure absent', { [usual]: 5 }],
      ['the baseline absent', { [last24h]: 500 }],
      ['another measure far above its baseline', { other24h: 500, [usual]: 1 }],
      ['an ill-formed snapshot', { [last24h]: 500, [usual]: 1, roaming: 'yes' }],
    ])('does not fire with %s', (_label, telcoUsage) => {
      expect(rule.evaluate(usage(telcoUsage))).toBeNull();
    });

    it('does not fire without any snapshot', () => {
      expect(rule.evaluate(usage(undefined))).toBeNull();
    });

    it.each([
      ['a multiplier under 1', { ...PARAMS, multiplier: 0.5 }, 'multiplier'],
      ['a negative floor', { ...PARAMS, minValue: -1 }, 'minValue'],
      ['a weight over 100', { ...PARAMS, weight: 101 }, 'weight'],
      ['an unknown param', { ...PARAMS, factor: 3 }, ''],
    ])('is refused by the policy schema with %s', (_label, params, field) => {
      const result = compilePolicy({
        ...DEFAULT_POLICY,
        rules: [{ id: 'usage', kind: kind.kind, params }],
      });
      expect(result.ok).toBe(false);
      expect(result.issues?.map((i) => i.path)).toEqual([
        field === '' ? 'rules[0].params' : `rules[0].params.${field}`,
      ]);
    });
  },
);
