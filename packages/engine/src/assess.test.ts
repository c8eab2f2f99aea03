import { describe, expect, it } from 'vitest';
import { assess } from './assess.ts';
import type { CompiledPolicy } from './policy/compiled-policy.ts';
import { DEFAULT_POLICY } from './policy/default-policy.ts';
import type { BehaviorSignal } from './behavior/behavior-signal.ts';
import type { Rule, RuleHit } from './rule.ts';
import { aContext, aProfile, aSignal, hoursAgo } from './testing/fixtures.ts';

// Rules that always report the same hit, to test the engine's arithmetic apart from real rules.
const always = (hit: Partial<RuleHit> & { code: string; weight: number }): Rule => ({
  id: hit.code,
  kind: 'fixed',
  evaluate: () => ({ message: hit.code, evidence: {}, ...hit }),
});
const policyOf = (...rules: Rule[]): CompiledPolicy => ({ document: DEFAULT_POLICY, rules });
const PASSKEY_AND_SMS = aProfile({ enrolledFactors: ['WEBAUTHN'] });

describe('assess', () => {
  it.each([
    [[0], 0, 'LOW', 'APPROVE'],
    [[30], 30, 'LOW', 'APPROVE'],
    [[31], 31, 'MEDIUM', 'STEP_UP'],
    [[30, 30], 60, 'MEDIUM', 'STEP_UP'],
    [[60, 1], 61, 'HIGH', 'STEP_UP'],
    [[70, 50, 40], 100, 'HIGH', 'STEP_UP'],
  ] as const)('weights %j → score %i, %s, %s', (weights, score, level, action) => {
    const rules = weights.map((weight, i) => always({ code: `R${i}`, weight }));
    expect(assess(aContext(), policyOf(...rules))).toMatchObject({
      riskScore: score,
      riskLevel: level,
      action,
    });
  });

  it('is CRITICAL (→ DENY) on any hard rule, whatever the score', () => {
    const result = assess(
      aContext(),
      policyOf(always({ code: 'HARD', weight: 0, critical: true })),
    );
    expect(result).toMatchObject({ riskScore: 0, riskLevel: 'CRITICAL', action: 'DENY' });
  });

  it('orders reasons by weight, then code, whatever the rule order', () => {
    const rules = [
      always({ code: 'B', weight: 10 }),
      always({ code: 'C', weight: 40 }),
      always({ code: 'A', weight: 10 }),
    ];
    const codes = (r: readonly Rule[]) =>
      assess(aContext(), policyOf(...r)).reasons.map((x) => x.code);
    expect(codes(rules)).toEqual(['C', 'A', 'B']);
    expect(codes([...rules].reverse())).toEqual(['C', 'A', 'B']);
  });

  it('drops the engine-internal flags from reasons', () => {
    const result = assess(
      aContext(),
      policyOf(always({ code: 'X', weight: 5, escrow: true, blocksSms: true })),
    );
    expect(result.reasons).toEqual([{ code: 'X', message: 'X', weight: 5, evidence: {} }]);
  });

  it('lifts APPROVE to a held STEP_UP when a hit asks for escrow, naming the heaviest such hit', () => {
    const rules = [
      always({ code: 'LIGHT', weight: 1, escrow: true }),
      always({ code: 'HEAVY', weight: 9, escrow: true }),
    ];
    const result = assess(aContext({ profile: PASSKEY_AND_SMS }), policyOf(...rules));
    expect(result).toMatchObject({
      riskLevel: 'LOW',
      action: 'STEP_UP',
      escrow: { reason: 'HEAVY' },
    });
  });

  it('does not hold a denied payment', () => {
    const rules = [
      always({ code: 'HOLD', weight: 0, escrow: true }),
      always({ code: 'HARD', weight: 0, critical: true }),
    ];
    const result = assess(aContext(), policyOf(...rules));
    expect(result.action).toBe('DENY');
    expect(result.escrow).toBeUndefined();
  });

  it.each([
    [
      'a hit that blocks SMS',
      [always({ code: 'X', weight: 40, blocksSms: true })],
      aSignal(),
      ['WEBAUTHN'],
    ],
    [
      'no SMS block',
      [always({ code: 'X', weight: 40 })],
      aSignal(),
      ['WEBAUTHN', 'SMS_OTP', 'EMAIL_OTP'],
    ],
    // The policy's SMS window applies even when no enabled rule looks at SIM swaps.
    [
      'a swap 6 days ago, no swap rule',
      [always({ code: 'X', weight: 40 })],
      aSignal({ lastSwapAt: hoursAgo(144) }),
      ['WEBAUTHN'],
    ],
    [
      'a swap 8 days ago, no swap rule',
      [always({ code: 'X', weight: 40 })],
      aSignal({ lastSwapAt: hoursAgo(192) }),
      ['WEBAUTHN', 'SMS_OTP', 'EMAIL_OTP'],
    ],
    // An untrusted signal makes SMS unsafe even when the freshness rule is disabled.
    [
      'a stale signal, no freshness rule',
      [always({ code: 'X', weight: 40 })],
      aSignal({ checkedAt: hoursAgo(1) }),
      ['WEBAUTHN'],
    ],
  ])('offers methods by SIM state: %s', (_label, rules, signal, methods) => {
    const result = assess(aContext({ signal, profile: PASSKEY_AND_SMS }), policyOf(...rules));
    expect(result.stepUp?.methods).toEqual(methods);
  });

  it('reports the SIM swap age with one decimal and the signal source', () => {
    const result = assess(
      aContext({ signal: aSignal({ lastSwapAt: hoursAgo(3.26), source: 'simulator' }) }),
      policyOf(),
    );
    expect(result.signals.simSwap).toMatchObject({
      ageHours: 3.3,
      source: 'simulator',
      freshness: 'FRESH',
    });
  });

  it('reports an unknown signal as null age and source', () => {
    expect(assess(aContext({ signal: null }), policyOf()).signals.simSwap).toEqual({
      lastSwapAt: null,
      ageHours: null,
      freshness: 'UNAVAILABLE',
      source: null,
    });
  });

  it.each([
    ['no hit freezes', [always({ code: 'A', weight: 10, critical: true })], false],
    [
      'one hit freezes',
      [
        always({ code: 'A', weight: 10 }),
        always({ code: 'F', weight: 0, critical: true, freeze: true }),
      ],
      true,
    ],
  ])('sets freeze when any hit asks for it: %s', (_label, rules, freeze) => {
    const result = assess(aContext(), policyOf(...rules));
    expect(result.freeze).toBe(freeze);
    expect(result.reasons.every((r) => !('freeze' in r))).toBe(true);
  });

  it('reports the behaviour signal a rule measured, also without a hit, preferring inspect', () => {
    const behavior: BehaviorSignal = {
      score: 91.2,
      distance: 5.5,
      baselineVersion: 2,
      topAnomalies: [],
      fusedScore: 91.2,
      shieldLevel: 'LOW',
      simSwapActive: false,
      zScores: [],
      imputed: [],
    };
    const measuring: Rule = {
      id: 'm',
      kind: 'measuring',
      evaluate: () => ({ code: 'NEVER', message: '', weight: 99, evidence: {} }),
      inspect: () => ({ hit: null, behavior }),
    };
    const result = assess(aContext(), policyOf(measuring, always({ code: 'X', weight: 5 })));
    expect(result.signals.behavior).toEqual(behavior);
    expect(result.reasons.map((r) => r.code)).toEqual(['X']);
    expect('behavior' in assess(aContext(), policyOf()).signals).toBe(false);
  });

  it('names the policy it used', () => {
    const result = assess(aContext(), {
      document: { ...DEFAULT_POLICY, id: 'bank-x', version: 7 },
      rules: [],
    });
    expect(result.policy).toEqual({ id: 'bank-x', version: 7 });
  });

  it('does not mutate its inputs', () => {
    const ctx = aContext({ signal: aSignal({ lastSwapAt: hoursAgo(1) }) });
    const before = structuredClone(ctx);
    assess(ctx, policyOf(always({ code: 'X', weight: 40 })));
    expect(ctx).toEqual(before);
  });
});
