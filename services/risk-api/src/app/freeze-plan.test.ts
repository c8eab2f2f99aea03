import {
  compilePolicy,
  DEFAULT_POLICY,
  type Assessment,
  type AssessmentContext,
  type PolicyDocument,
  type Reason,
} from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import { freezePlan } from './freeze-plan.ts';

const NOW = new Date('2026-11-21T10:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

function compiled(fleetFreezes = true) {
  const doc: PolicyDocument = {
    ...DEFAULT_POLICY,
    rules: DEFAULT_POLICY.rules.map((r) =>
      r.kind === 'fleetAnomaly' ? { ...r, params: { ...r.params, freeze: fleetFreezes } } : r,
    ),
  };
  const result = compilePolicy(doc);
  if (!result.ok) {
    throw new Error('policy');
  }
  return result.policy;
}

const reason = (code: string, evidence: Reason['evidence'] = {}): Reason => ({
  code,
  message: code,
  weight: 100,
  evidence,
});
const fleet = reason('FLEET_ANOMALY', { accounts: 3, windowMinutes: 60 });
const behavior = reason('BEHAVIOR_ANOMALY');

function assessment(freeze: boolean, reasons: Reason[]): Assessment {
  return {
    action: 'DENY',
    riskScore: 100,
    riskLevel: 'CRITICAL',
    reasons,
    freeze,
    signals: {
      simSwap: { lastSwapAt: null, ageHours: null, freshness: 'FRESH', source: 'camara' },
    },
    policy: { id: 'default', version: 0 },
  };
}

const ctx = {
  payment: { userId: 'user-c', device: { id: 'dev-x' } },
  now: NOW,
  deviceSightings: [
    { userId: 'user-a', deviceId: 'dev-x', at: minutesAgo(59) },
    { userId: 'user-b', deviceId: 'dev-x', at: minutesAgo(10) },
    { userId: 'user-b', deviceId: 'dev-x', at: minutesAgo(5) },
    { userId: 'user-old', deviceId: 'dev-x', at: minutesAgo(61) },
  ],
} as unknown as AssessmentContext;

describe('freezePlan', () => {
  it.each([
    ['no freeze asked', assessment(false, [fleet]), compiled(), undefined],
    [
      'the fleet rule: every account on the device within its window, sorted',
      assessment(true, [fleet, behavior]),
      compiled(),
      { userIds: ['user-a', 'user-b', 'user-c'], reason: 'FLEET_ANOMALY' },
    ],
    [
      'a behaviour freeze: this account alone',
      assessment(true, [behavior, reason('SIM_SWAP_RECENT')]),
      compiled(),
      { userIds: ['user-c'], reason: 'BEHAVIOR_ANOMALY' },
    ],
    [
      'a fleet hit whose rule does not freeze, with a behaviour freeze: this account alone',
      assessment(true, [fleet, behavior]),
      compiled(false),
      { userIds: ['user-c'], reason: 'BEHAVIOR_ANOMALY' },
    ],
  ])('%s', (_, a, policy, expected) => {
    expect(freezePlan(a, ctx, policy)).toEqual(expected);
  });

  it('freezes nothing for a degraded decision (no context)', () => {
    expect(freezePlan(assessment(true, [behavior]), null, compiled())).toBeUndefined();
  });
});
