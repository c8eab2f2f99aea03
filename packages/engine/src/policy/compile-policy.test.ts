import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy.ts';
import { DEFAULT_POLICY } from './default-policy.ts';
import type { PolicyDocument, RuleConfig } from './policy-document.ts';

const withRules = (rules: readonly RuleConfig[]): PolicyDocument => ({ ...DEFAULT_POLICY, rules });
const issuesOf = (doc: unknown) => {
  const result = compilePolicy(doc);
  expect(result.ok).toBe(false);
  return result.issues ?? [];
};

describe('compilePolicy', () => {
  it('compiles the default policy with every rule enabled, in document order', () => {
    const result = compilePolicy(DEFAULT_POLICY);
    expect(result.ok).toBe(true);
    expect(result.policy?.rules.map((r) => r.id)).toEqual(DEFAULT_POLICY.rules.map((r) => r.id));
    expect(result.policy?.document).toEqual(DEFAULT_POLICY);
  });

  it('leaves disabled rules out (but still validates them)', () => {
    const rules = DEFAULT_POLICY.rules.map((r) =>
      r.kind === 'imeiDrift' ? { ...r, enabled: false } : r,
    );
    expect(compilePolicy(withRules(rules)).policy?.rules.map((r) => r.kind)).not.toContain(
      'imeiDrift',
    );
    const broken = [{ id: 'x', kind: 'imeiDrift', enabled: false, params: { weight: 500 } }];
    expect(issuesOf(withRules(broken))).toEqual([
      { path: 'rules[0].params.weight', message: expect.stringContaining('100') as string },
    ]);
  });

  it('fails closed on an unknown rule kind', () => {
    expect(issuesOf(withRules([{ id: 'x', kind: 'trustMeBro', params: {} }]))).toEqual([
      { path: 'rules[0].kind', message: 'unknown rule kind "trustMeBro"' },
    ]);
  });

  it('names the path of a bad threshold', () => {
    const rules = [
      ...DEFAULT_POLICY.rules.slice(0, 3),
      {
        id: 'bands',
        kind: 'simSwapRecency',
        params: {
          bands: [
            { withinHours: 72, weight: 50 },
            { withinHours: 24, weight: 40 },
          ],
        },
      },
    ];
    expect(issuesOf(withRules(rules))).toEqual([
      {
        path: 'rules[3].params.bands[1].withinHours',
        message: 'bands must be ordered by strictly increasing withinHours',
      },
    ]);
  });

  it('reports duplicate rule ids', () => {
    const [first] = DEFAULT_POLICY.rules;
    expect(issuesOf(withRules([first!, first!]))).toEqual([
      { path: 'rules[1].id', message: 'duplicate rule id "sim-swap-recency"' },
    ]);
  });

  it.each([
    ['levels out of order', { levels: { mediumFrom: 61, highFrom: 31 } }, 'levels.highFrom'],
    ['a level above 100', { levels: { mediumFrom: 31, highFrom: 101 } }, 'levels.highFrom'],
    [
      'a milder action for a higher level',
      { actions: { LOW: 'APPROVE', MEDIUM: 'DENY', HIGH: 'STEP_UP', CRITICAL: 'DENY' } },
      'actions.HIGH',
    ],
    ['an unknown action', { actions: { ...DEFAULT_POLICY.actions, LOW: 'SHRUG' } }, 'actions.LOW'],
    [
      'an unknown step-up method',
      { stepUp: { ...DEFAULT_POLICY.stepUp, preference: ['WEBAUTHN', 'CARRIER_PIGEON'] } },
      'stepUp.preference[1]',
    ],
    [
      'a repeated step-up method',
      { stepUp: { ...DEFAULT_POLICY.stepUp, preference: ['TOTP', 'TOTP'] } },
      'stepUp.preference',
    ],
    [
      'an unknown no-method policy',
      { stepUp: { ...DEFAULT_POLICY.stepUp, whenNoSafeMethod: 'APPROVE' } },
      'stepUp.whenNoSafeMethod',
    ],
    ['a zero signal max age', { signalMaxAgeSeconds: 0 }, 'signalMaxAgeSeconds'],
    ['a negative SMS window', { smsOtpBlockedForHours: -1 }, 'smsOtpBlockedForHours'],
    [
      'a lowercase currency',
      { dependencyUnavailable: { action: 'STEP_UP', denyFromMinor: { zar: 1 } } },
      'dependencyUnavailable.denyFromMinor.zar',
    ],
    [
      'APPROVE when blind',
      { dependencyUnavailable: { action: 'APPROVE', denyFromMinor: {} } },
      'dependencyUnavailable.action',
    ],
    ['a fractional version', { version: 1.5 }, 'version'],
    ['an unknown field', { typo: true }, ''],
  ])('rejects %s at %s', (_label, patch, path) => {
    const issues = issuesOf({ ...DEFAULT_POLICY, ...patch });
    expect(issues.map((i) => i.path)).toEqual([path]);
  });

  it('lists every problem at once', () => {
    const doc = {
      ...DEFAULT_POLICY,
      signalMaxAgeSeconds: -5,
      rules: [
        { id: 'a', kind: 'nope', params: {} },
        { id: 'b', kind: 'failedLogins', params: { minCount: 0, windowHours: 24, weight: 25 } },
      ],
    };
    expect(
      issuesOf(doc)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['rules[0].kind', 'rules[1].params.minCount', 'signalMaxAgeSeconds']);
  });

  it.each([null, undefined, 42, 'policy', [], { rules: 'all of them' }])(
    'never throws on %j',
    (input) => {
      expect(issuesOf(input).length).toBeGreaterThan(0);
    },
  );

  it('accepts an empty rule list (a policy that only maps levels)', () => {
    expect(compilePolicy(withRules([])).policy?.rules).toEqual([]);
  });
});
