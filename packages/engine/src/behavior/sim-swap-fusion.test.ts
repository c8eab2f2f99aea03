import { describe, expect, it } from 'vitest';
import type { BehaviorAnomalyParams } from '../rules/behavior-anomaly.ts';
import { behaviorAnomaly } from '../rules/behavior-anomaly.ts';
import { defaultParams } from '../testing/fixtures.ts';
import { fuseWithSimSwap } from './sim-swap-fusion.ts';

const params: BehaviorAnomalyParams = behaviorAnomaly.params.parse(defaultParams(behaviorAnomaly));
const CRITICAL_FREEZE = { weight: 100, critical: true, freeze: true };
const BLOCK = { weight: 70, critical: true, freeze: false };
const STEP_UP = { weight: 40, critical: false, freeze: false };

// SHIELD's priority order (SPEC §6) with DEFAULT_POLICY's params. Confidence: high = like the user.
describe('fuseWithSimSwap (DEFAULT_POLICY)', () => {
  it.each([
    // no swap: bands on the behaviour confidence itself
    [95, false, 95, 'LOW', null],
    [70, false, 70, 'LOW', null],
    [69.9, false, 69.9, 'MEDIUM', STEP_UP],
    [45, false, 45, 'MEDIUM', STEP_UP],
    [44.9, false, 44.9, 'HIGH', BLOCK],
    [30, false, 30, 'HIGH', BLOCK],
    [29.9, false, 29.9, 'CRITICAL', CRITICAL_FREEZE],
    [0, false, 0, 'CRITICAL', CRITICAL_FREEZE],
    // 1. swap active and behaviour < 45 → capped at 25, critical, block and freeze
    [44.9, true, 25, 'CRITICAL', CRITICAL_FREEZE],
    [12, true, 12, 'CRITICAL', CRITICAL_FREEZE],
    // 2. swap active → × 0.6, then the bands
    [100, true, 60, 'MEDIUM', STEP_UP],
    [75, true, 45, 'MEDIUM', STEP_UP],
    [74, true, 44.4, 'HIGH', BLOCK],
    [49, true, 29.4, 'CRITICAL', CRITICAL_FREEZE],
  ] as const)('confidence %d, swap %s → %d %s', (score, swap, fused, level, outcome) => {
    const result = fuseWithSimSwap(score, swap, params);
    expect(result.fusedScore).toBeCloseTo(fused, 10);
    expect(result.shieldLevel).toBe(level);
    expect(result.outcome).toEqual(outcome);
  });
});
