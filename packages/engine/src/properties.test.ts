// Engine invariants over random contexts and policies (fast-check). fast-check picks a seed per
// run and prints it with the shrunk counterexample when a property fails; `fc.assert(..., { seed,
// path })` replays it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from './assess.ts';
import { NO_SAFE_STEP_UP, POLICY_LEVEL_ACTION } from './outcome.ts';
import { ACTIONS, type Action, type Assessment } from './assessment.ts';
import { CHANNELS, LOCATION_SOURCES, type PaymentRequest } from './payment.ts';
import { inAppMethods, isOutOfBand } from './signals.ts';
import { compilePolicy } from './policy/compile-policy.ts';
import type { CompiledPolicy } from './policy/compiled-policy.ts';
import { DEFAULT_POLICY } from './policy/default-policy.ts';
import type { PolicyDocument, RuleConfig } from './policy/policy-document.ts';
import type { AssessmentContext } from './rule.ts';
import { safeAssessment } from './safe-assessment.ts';
import { aContext } from './testing/fixtures.ts';
import { classifySimSwapSignal } from './signal-freshness.ts';
import {
  STEP_UP_METHODS,
  type BoundDevice,
  type SignalFreshness,
  type SimSwapSignal,
  type UserHistory,
  type UserProfile,
} from './signals.ts';
import { MS_PER_HOUR } from './time.ts';

const RUNS = 300;
const SEVERITY: Readonly<Record<Action, number>> = { APPROVE: 0, STEP_UP: 1, DENY: 2 };

/**
 * How much an answer keeps money from moving. A payment held for an out-of-band verification
 * moves only after the bank has verified the customer, and never if it expires: as strict as a
 * DENY. So an added telco-freshness hit may turn a NO_SAFE_STEP_UP denial into such a hold
 * (issue 12: an untrusted signal alone never denies) without softening anything.
 */
function strictness(a: Assessment): number {
  return a.stepUp !== undefined && isOutOfBand(a.stepUp.methods)
    ? SEVERITY.DENY
    : SEVERITY[a.action];
}

// --- contexts: a few shared ids, so devices, phones and IMEIs match often enough to matter ----

const PHONES = ['+27820000001', '+27820000002'];
const DEVICES = ['dev-1', 'dev-2', 'dev-3'];
// The last one shares the first 14 digits (TAC + serial) with the first: not a different handset.
const IMEIS = ['356938035643809', '490154203237518', '3569380356438091'];
const USERS = ['u-1', 'u-2'];

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Hours before `now` (negative: after it, as clock skew makes happen). */
const hoursAgo = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const money = fc.record({
  minor: fc.integer({ min: 1, max: 100_000_000 }),
  currency: fc.constantFrom('ZAR', 'USD'),
});
const point = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
});

const contextArb: fc.Arbitrary<AssessmentContext> = fc
  .record({
    now: fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
    payment: fc.record({
      userId: fc.constantFrom(...USERS),
      phoneNumber: fc.constantFrom(...PHONES),
      amount: money,
      channel: fc.constantFrom(...CHANNELS),
      payee: opt(fc.record({ accountId: fc.constantFrom('p-1', 'p-2'), isNew: opt(fc.boolean()) })),
      device: fc.record({ id: fc.constantFrom(...DEVICES), imei: opt(fc.constantFrom(...IMEIS)) }),
      location: opt(
        fc.record({
          point,
          accuracyM: opt(fc.double({ min: 0, max: 50_000, noNaN: true })),
          source: fc.constantFrom(...LOCATION_SOURCES),
        }),
      ),
      occurredHoursAgo: hoursAgo(-1, 48),
    }),
    profile: fc.option(
      fc.record({
        phoneNumber: fc.constantFrom(...PHONES, ''),
        devices: fc.array(
          fc.record({
            id: fc.constantFrom(...DEVICES),
            imei: opt(fc.constantFrom(...IMEIS)),
            boundHoursAgo: hoursAgo(-2, 5_000),
          }),
          { maxLength: 3 },
        ),
        homeLocation: opt(point),
        enrolledFactors: fc.subarray(['WEBAUTHN', 'TOTP'] as const),
        email: opt(fc.constantFrom('a@example.test', '')),
      }),
      { nil: null },
    ),
    signal: fc.option(
      fc.record({
        phoneNumber: fc.constantFrom(...PHONES),
        swapHoursAgo: fc.option(hoursAgo(-2, 2_000), { nil: null }),
        checkedHoursAgo: hoursAgo(-0.1, 48),
        source: fc.constantFrom('camara', 'twilio', 'simulator'),
      }),
      { nil: null },
    ),
    // Usually what the service derives; sometimes any value, which the engine must survive too.
    freshness: opt(fc.constantFrom<SignalFreshness>('FRESH', 'STALE', 'UNAVAILABLE')),
    history: fc.record({
      recentPayments: fc.array(
        fc.record({
          hoursAgo: hoursAgo(-1, 200),
          amount: money,
          payeeAccountId: opt(fc.constantFrom('p-1', 'p-2')),
          action: fc.constantFrom(...ACTIONS),
        }),
        { maxLength: 12 },
      ),
      lastLocation: opt(fc.record({ point, hoursAgo: hoursAgo(-1, 100) })),
      lastImei: opt(
        fc.record({
          imei: fc.constantFrom(...IMEIS),
          phoneNumber: fc.constantFrom(...PHONES),
          hoursAgo: hoursAgo(0, 1_000),
        }),
      ),
      failedLoginHoursAgo: fc.array(hoursAgo(-1, 72), { maxLength: 6 }),
    }),
    deviceSightings: opt(
      fc.array(
        fc.record({
          userId: fc.constantFrom(...USERS, 'u-3'),
          deviceId: fc.constantFrom(...DEVICES),
          hoursAgo: hoursAgo(0, 3),
          bound: fc.boolean(),
        }),
        { maxLength: 4 },
      ),
    ),
    accountFrozen: opt(fc.boolean()),
    // Random parts trip some rule almost always; these pull parts back to a clean customer, so
    // approvals and SMS offers are common enough to test too.
    clean: fc.record({
      signal: fc.boolean(),
      device: fc.boolean(),
      phone: fc.boolean(),
      quiet: fc.boolean(),
    }),
  })
  .map((r): AssessmentContext => {
    const at = (hours: number) => new Date(r.now.getTime() - hours * MS_PER_HOUR);
    const p = r.payment;
    const payment: PaymentRequest = {
      transactionId: 'tx-prop',
      userId: p.userId,
      phoneNumber: p.phoneNumber,
      amount: p.amount,
      channel: p.channel,
      ...(p.payee === undefined ? {} : { payee: withoutUndefined(p.payee) }),
      device: withoutUndefined(p.device),
      ipAddress: '196.25.1.1',
      ...(p.location === undefined
        ? {}
        : {
            location: withoutUndefined({
              ...p.location.point,
              accuracyM: p.location.accuracyM,
              source: p.location.source,
            }),
          }),
      occurredAt: at(p.occurredHoursAgo),
    };
    const devices: BoundDevice[] | undefined = r.profile?.devices.map((d) =>
      withoutUndefined({ id: d.id, imei: d.imei, boundAt: at(d.boundHoursAgo) }),
    );
    if (r.clean.device) {
      devices?.unshift({ ...payment.device, boundAt: at(3_000) });
    }
    const profile: UserProfile | null =
      r.profile === null
        ? null
        : {
            userId: p.userId,
            phoneNumber: r.clean.phone ? p.phoneNumber : r.profile.phoneNumber,
            devices: devices ?? [],
            ...(r.profile.homeLocation === undefined
              ? {}
              : { homeLocation: r.profile.homeLocation }),
            enrolledFactors: r.profile.enrolledFactors,
            contacts: r.profile.email === undefined ? {} : { email: r.profile.email },
          };
    const signal: SimSwapSignal | null =
      r.signal === null && !r.clean.signal
        ? null
        : {
            phoneNumber: r.clean.signal ? p.phoneNumber : (r.signal?.phoneNumber ?? p.phoneNumber),
            lastSwapAt: r.signal?.swapHoursAgo == null ? null : at(r.signal.swapHoursAgo),
            checkedAt: at(r.clean.signal ? 0.01 : (r.signal?.checkedHoursAgo ?? 0)),
            source: r.signal?.source ?? 'camara',
          };
    const h = r.history;
    const history: UserHistory = {
      recentPayments: h.recentPayments
        .map((m, i) =>
          withoutUndefined({
            decisionId: `d-${i}`,
            at: at(m.hoursAgo),
            amount: m.amount,
            payeeAccountId: m.payeeAccountId,
            action: m.action,
          }),
        )
        .sort((a, b) => b.at.getTime() - a.at.getTime()),
      ...(h.lastLocation === undefined || r.clean.quiet
        ? {}
        : {
            lastLocation: {
              ...h.lastLocation.point,
              source: 'GPS' as const,
              at: at(h.lastLocation.hoursAgo),
            },
          }),
      ...(h.lastImei === undefined || r.clean.device
        ? {}
        : {
            lastImei: {
              imei: h.lastImei.imei,
              phoneNumber: h.lastImei.phoneNumber,
              at: at(h.lastImei.hoursAgo),
            },
          }),
      failedLogins: r.clean.quiet
        ? []
        : h.failedLoginHoursAgo.map(at).sort((a, b) => b.getTime() - a.getTime()),
    };
    return {
      payment,
      profile,
      simSwap: {
        signal,
        freshness:
          r.clean.signal || r.freshness === undefined
            ? classifySimSwapSignal(signal, r.now, 300)
            : r.freshness,
      },
      history,
      now: r.now,
      ...(r.deviceSightings === undefined || r.clean.quiet
        ? {}
        : {
            deviceSightings: r.deviceSightings.map((s) => ({
              userId: s.userId,
              deviceId: s.deviceId,
              at: at(s.hoursAgo),
              bound: s.bound,
            })),
          }),
      ...(r.accountFrozen === undefined || r.clean.quiet ? {} : { accountFrozen: r.accountFrozen }),
    };
  });

/** Drops keys whose value is undefined (exactOptionalPropertyTypes: absent, not undefined). */
function withoutUndefined<T extends object>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

// --- policies: DEFAULT_POLICY with rules switched off, weights moved, settings varied ---------

const isWeightKey = (key: string) => key === 'weight' || key.endsWith('Weight');

/**
 * Every weight in a rule's params (`weight`, `…Weight`, also inside bands) moved by `delta`,
 * clamped to 0–100. Clamping keeps band weights in their order, so the params stay valid.
 */
function shiftWeights(value: unknown, delta: number): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => shiftWeights(v, delta));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        isWeightKey(k) && typeof v === 'number'
          ? Math.min(100, Math.max(0, v + delta))
          : shiftWeights(v, delta),
      ]),
    );
  }
  return value;
}

function compileOrThrow(doc: PolicyDocument): CompiledPolicy {
  const result = compilePolicy(doc);
  if (!result.ok) {
    throw new Error(`generated policy does not compile: ${JSON.stringify(result.issues)}`);
  }
  return result.policy;
}

const RULES = DEFAULT_POLICY.rules;

const policyArb: fc.Arbitrary<PolicyDocument> = fc
  .record({
    enabled: fc.array(fc.boolean(), { minLength: RULES.length, maxLength: RULES.length }),
    deltas: fc.array(fc.integer({ min: -40, max: 40 }), {
      minLength: RULES.length,
      maxLength: RULES.length,
    }),
    smsOtpBlockedForHours: fc.integer({ min: 0, max: 720 }),
    bands: fc
      .uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 2 })
      .map(([a = 1, b = 2]) => ({ mediumFrom: Math.min(a, b), highFrom: Math.max(a, b) })),
    // Any monotone mapping, including a LOW that already steps up (answered with the policy as
    // its reason, POLICY_LEVEL_ACTION).
    actions: fc
      .tuple(
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...ACTIONS),
      )
      .map((a) => a.sort((x, y) => SEVERITY[x] - SEVERITY[y])),
    whenNoSafeMethod: fc.constantFrom('DENY' as const, 'ESCROW' as const),
    preference: fc.shuffledSubarray([...STEP_UP_METHODS]),
  })
  .map((r): PolicyDocument => ({
    ...DEFAULT_POLICY,
    smsOtpBlockedForHours: r.smsOtpBlockedForHours,
    levels: r.bands,
    actions: {
      LOW: r.actions[0],
      MEDIUM: r.actions[1],
      HIGH: r.actions[2],
      CRITICAL: r.actions[3],
    },
    stepUp: {
      ...DEFAULT_POLICY.stepUp,
      preference: r.preference,
      whenNoSafeMethod: r.whenNoSafeMethod,
    },
    rules: RULES.map((rule, i): RuleConfig => ({
      ...rule,
      enabled: r.enabled[i] ?? true,
      params: shiftWeights(rule.params, r.deltas[i] ?? 0) as RuleConfig['params'],
    })),
  }));

// --- the properties -----------------------------------------------------------------------------

function expectWellFormed(a: Assessment, doc: PolicyDocument) {
  expect(Number.isInteger(a.riskScore)).toBe(true);
  expect(a.riskScore).toBeGreaterThanOrEqual(0);
  expect(a.riskScore).toBeLessThanOrEqual(100);
  if (a.action !== 'APPROVE') {
    expect(a.reasons.length).toBeGreaterThan(0);
  }
  if (a.action === 'STEP_UP') {
    expect((a.stepUp?.methods.length ?? 0) > 0 || a.escrow !== undefined).toBe(true);
  }
  if (a.stepUp !== undefined) {
    // Only methods the policy allows, each once; or the out-of-band verification of a hold, alone.
    const inApp = inAppMethods(a.stepUp.methods);
    expect(inApp.every((m) => doc.stepUp.preference.includes(m))).toBe(true);
    if (isOutOfBand(a.stepUp.methods)) {
      expect(a.stepUp.methods).toEqual(['OUT_OF_BAND']);
      expect(a.escrow).toBeDefined();
    }
    expect(new Set(a.stepUp.methods).size).toBe(a.stepUp.methods.length);
  }
  // Heaviest first; ties by code.
  for (let i = 1; i < a.reasons.length; i++) {
    const [prev, cur] = [a.reasons[i - 1]!, a.reasons[i]!];
    expect(prev.weight > cur.weight || (prev.weight === cur.weight && prev.code <= cur.code)).toBe(
      true,
    );
  }
}

describe('engine properties', () => {
  it('scores within 0–100 as an integer, explains every step-up and denial, sorts reasons', () => {
    fc.assert(
      fc.property(contextArb, policyArb, (ctx, doc) => {
        expectWellFormed(assess(ctx, compileOrThrow(doc)), doc);
      }),
      { numRuns: RUNS },
    );
  });

  it('never offers SMS (or e-mail) codes within the SMS block after a swap or without a FRESH signal', () => {
    fc.assert(
      fc.property(contextArb, policyArb, (ctx, doc) => {
        const methods = assess(ctx, compileOrThrow(doc)).stepUp?.methods ?? [];
        const swapAt = ctx.simSwap.signal?.lastSwapAt ?? null;
        // A swap reported in the future (operator clock skew) is "just now", age 0, as the engine
        // documents (sim-swap-age.ts): with a 0-hour block window it is not within the window.
        const swapAgeHours =
          swapAt === null
            ? null
            : Math.max(0, (ctx.now.getTime() - swapAt.getTime()) / MS_PER_HOUR);
        const inDoubt =
          ctx.simSwap.freshness !== 'FRESH' ||
          (swapAgeHours !== null && swapAgeHours < doc.smsOtpBlockedForHours);
        if (inDoubt) {
          expect(methods).not.toContain('SMS_OTP');
          expect(methods).not.toContain('EMAIL_OTP');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same input the same decision', () => {
    fc.assert(
      fc.property(contextArb, policyArb, (ctx, doc) => {
        const policy = compileOrThrow(doc);
        const first = assess(ctx, policy);
        expect(assess(structuredClone(ctx), compileOrThrow(structuredClone(doc)))).toEqual(first);
        expect(assess(ctx, policy)).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });

  it('never lowers the score or softens the action when a rule is added or a weight raised', () => {
    fc.assert(
      fc.property(
        contextArb,
        policyArb,
        fc.nat({ max: RULES.length - 1 }),
        fc.integer({ min: 1, max: 100 }),
        (ctx, doc, index, raise) => {
          const before = assess(ctx, compileOrThrow(doc));
          const rules = doc.rules.map((rule, i) =>
            i === index
              ? {
                  ...rule,
                  enabled: true,
                  params: shiftWeights(rule.params, raise) as RuleConfig['params'],
                }
              : rule,
          );
          const after = assess(ctx, compileOrThrow({ ...doc, rules }));
          expect(after.riskScore).toBeGreaterThanOrEqual(before.riskScore);
          expect(strictness(after)).toBeGreaterThanOrEqual(strictness(before));
          // Every rule that fired still fires (NO_SAFE_STEP_UP and POLICY_LEVEL_ACTION come from
          // the outcome, not a rule: a higher level or a rule's own reason can replace them).
          const ruleCodes = (a: Assessment) =>
            a.reasons
              .map((r) => r.code)
              .filter((code) => code !== NO_SAFE_STEP_UP && code !== POLICY_LEVEL_ACTION);
          expect(ruleCodes(after)).toEqual(expect.arrayContaining(ruleCodes(before)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('answers a dependency outage with the safe action: held step-up, or DENY from denyFromMinor', () => {
    fc.assert(
      fc.property(contextArb, policyArb, (ctx, doc) => {
        const a = safeAssessment(
          ctx.payment,
          compileOrThrow(doc),
          ctx.now,
          'DEPENDENCY_UNAVAILABLE',
        );
        expectWellFormed(a, doc);
        expect(a.reasons.map((r) => r.code)).toContain('DEPENDENCY_UNAVAILABLE');
        const limit = doc.dependencyUnavailable.denyFromMinor[ctx.payment.amount.currency];
        if (limit !== undefined && ctx.payment.amount.minor >= limit) {
          expect(a.action).toBe('DENY');
        } else {
          expect(a.action).not.toBe('APPROVE');
          expect(a.stepUp?.methods ?? []).not.toContain('SMS_OTP');
        }
      }),
      { numRuns: RUNS },
    );
  });

  // The policy may ask for more than any rule does (LOW → STEP_UP): the answer names the policy.
  it('explains a step-up that only the policy’s LOW action asks for', () => {
    const doc: PolicyDocument = {
      ...DEFAULT_POLICY,
      actions: { ...DEFAULT_POLICY.actions, LOW: 'STEP_UP' },
    };
    const result = compilePolicy(doc);
    expect(result.ok).toBe(true);
    if (!result.ok) {
      return;
    }
    // A known customer on her bound device with a fresh signal: no rule fires. (Random contexts
    // trip no rule of the full default policy only ~1 % of the time: too rare to rely on.)
    const a = assess(aContext(), result.policy);
    expectWellFormed(a, doc);
    expect(a.action).toBe('STEP_UP');
    expect(a.reasons).toEqual([
      {
        code: POLICY_LEVEL_ACTION,
        message: 'The policy answers STEP_UP for every LOW payment',
        weight: 0,
        evidence: { riskLevel: 'LOW' },
      },
    ]);
  });
});
