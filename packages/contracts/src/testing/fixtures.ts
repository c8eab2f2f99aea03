import { randomUUID } from 'node:crypto';
import {
  BEHAVIOR_FEATURE_NAMES,
  fitBaseline,
  type BehaviorBaseline,
  type SimSwapSignal,
  type UserProfile,
} from '@sentinel/engine';
import type { Decision } from '../decision-schema.ts';
import type { DecisionContext, DecisionRecord } from '../decision.ts';
import type { StepUpChallenge } from '../step-up-challenge.ts';

/** A fixed instant the fixtures count from (no wall clock in assertions). */
export const T0 = new Date('2025-03-01T10:00:00.000Z');

export const minutes = (n: number): number => n * 60_000;
export const hours = (n: number): number => n * 3_600_000;
export const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

/** A unique id per call, so tests sharing a store never see each other's data. */
export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;

export function aProfile(userId = uniqueId('user')): UserProfile {
  return {
    userId,
    phoneNumber: '+27821230001',
    devices: [
      { id: 'phone-1', imei: '356938035643809', boundAt: at(-hours(24 * 90)) },
      { id: 'tablet-1', boundAt: at(-hours(2)) },
    ],
    homeLocation: { lat: -26.2041, lon: 28.0473 },
    enrolledFactors: ['WEBAUTHN', 'TOTP'],
    contacts: { email: 'alice@example.test' },
  };
}

export function aSignal(phoneNumber: string, lastSwapAt: Date | null): SimSwapSignal {
  return { phoneNumber, lastSwapAt, checkedAt: at(-minutes(1)), source: 'camara' };
}

function aDecision(decisionId: string, transactionId: string): Decision {
  return {
    decisionId,
    transactionId,
    action: 'STEP_UP',
    riskScore: 70,
    riskLevel: 'HIGH',
    reasons: [
      {
        code: 'SIM_SWAP_RECENT',
        message: 'SIM changed 3 h ago',
        weight: 70,
        evidence: { ageHours: 3, band: '<24h', known: true, source: null },
      },
    ],
    stepUp: {
      methods: ['WEBAUTHN'],
      challengeUrl: `http://127.0.0.1:8081/v1/challenges?decisionId=${decisionId}`,
      expiresAt: at(minutes(5)).toISOString(),
    },
    escrow: {
      status: 'HELD',
      escrowId: `escrow-${decisionId}`,
      reason: 'TELCO_SIGNAL_STALE',
      releaseBy: at(hours(24)).toISOString(),
    },
    freeze: false,
    signals: {
      simSwap: {
        lastSwapAt: at(-hours(3)).toISOString(),
        ageHours: 3,
        freshness: 'FRESH',
        source: 'camara',
      },
    },
    policy: { id: 'default', version: 3 },
    latencyMs: 4.2,
  };
}

/**
 * A recorded STEP_UP decision with escrow, as app/assess-payment.ts builds it: its effects
 * remember the payment (nothing learned from a STEP_UP), leave a sighting of the customer's bound
 * phone and freeze nothing.
 */
export function aDecisionRecord(
  opts: {
    readonly decisionId?: string;
    readonly transactionId?: string;
    readonly clientId?: string;
    readonly decidedAt?: Date;
    readonly requestHash?: string;
  } = {},
): DecisionRecord {
  const decisionId = opts.decisionId ?? randomUUID();
  const transactionId = opts.transactionId ?? uniqueId('tx');
  const decidedAt = opts.decidedAt ?? T0;
  return {
    decision: aDecision(decisionId, transactionId),
    clientId: opts.clientId ?? 'bank-a',
    userId: 'user-1',
    phoneNumber: '+27821230001',
    ipAddress: '196.25.1.1',
    amount: { minor: 125_000, currency: 'ZAR' },
    channel: 'PAYSHAP',
    deviceId: 'phone-1',
    requestHash: opts.requestHash ?? 'a'.repeat(64),
    occurredAt: new Date(decidedAt.getTime() - 20),
    decidedAt,
    context: aDecisionContext(transactionId, new Date(decidedAt.getTime() - 20)),
    effects: {
      freezes: [],
      history: {
        userId: 'user-1',
        payment: {
          at: new Date(decidedAt.getTime() - 20),
          amount: { minor: 125_000, currency: 'ZAR' },
          action: 'STEP_UP',
          payeeAccountId: 'payee-9',
        },
      },
      sighting: { userId: 'user-1', deviceId: 'phone-1', at: decidedAt, bound: true },
    },
  };
}

/** The engine inputs of `aDecisionRecord`: a new payee, a known user, a fresh signal. */
function aDecisionContext(transactionId: string, occurredAt: Date): DecisionContext {
  const profile = aProfile('user-1');
  return {
    payment: {
      transactionId,
      userId: 'user-1',
      phoneNumber: '+27821230001',
      amount: { minor: 125_000, currency: 'ZAR' },
      channel: 'PAYSHAP',
      payee: { accountId: 'payee-9', isNew: true },
      device: { id: 'phone-1', imei: '356938035643809' },
      ipAddress: '196.25.1.1',
      location: { lat: -26.2, lon: 28.04, source: 'GPS' },
      occurredAt,
    },
    profile,
    simSwap: { signal: aSignal(profile.phoneNumber, at(-hours(3))), freshness: 'FRESH' },
    history: {
      recentPayments: [
        {
          decisionId: 'earlier-1',
          at: at(-hours(30)),
          amount: { minor: 20_000, currency: 'ZAR' },
          payeeAccountId: 'payee-1',
          action: 'APPROVE',
        },
      ],
      failedLogins: [at(-hours(2))],
    },
    degraded: false,
    behaviorBaseline: {
      version: 2,
      schemaVersion: 'sentinel-55/1',
      n: 12,
      fittedAt: at(-hours(1)),
    },
    deviceSightings: [{ userId: 'user-1', deviceId: 'phone-1', at: at(-hours(30)), bound: true }],
    accountFrozen: false,
    enrolledFactors: { source: 'AUTH_SERVICE', methods: ['WEBAUTHN', 'TOTP'], locked: [] },
  };
}

/**
 * `n` sessions of `BEHAVIOR_FEATURE_NAMES.length` values, reproducible, with awkward doubles
 * (long mantissas, tiny and huge magnitudes, a negative zero) so round trips must be exact.
 */
export function someSessions(n: number, seed = 1): number[][] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
  return Array.from({ length: n }, (_, k) =>
    BEHAVIOR_FEATURE_NAMES.map((_, i) => {
      if (i === 0 && k === 0) {
        return -0;
      }
      const scale = [1, 1e-12, 1e9, 0.1][i % 4] as number;
      return (next() - 0.3) * scale + (i % 7 === 0 ? 1 / 3 : 0);
    }),
  );
}

/** A baseline fitted by the engine from `someSessions(n)`, not yet stored (version 0). */
export function aBaseline(n = 12, seed = 1): BehaviorBaseline {
  const fitted = fitBaseline(someSessions(n, seed), { fittedAt: at(-hours(1)) });
  if (!fitted.ok) {
    throw new Error(`fixture baseline does not fit: ${JSON.stringify(fitted.issues)}`);
  }
  return fitted.baseline;
}

/**
 * A STEP_UP record with its challenge, as risk-api records one: the challenge's id is the
 * decision's, it expires with `stepUp.expiresAt`.
 */
export function aStepUpRecord(
  opts: { readonly clientId?: string; readonly decidedAt?: Date; readonly ttlMs?: number } = {},
): DecisionRecord & { readonly challenge: StepUpChallenge } {
  const base = aDecisionRecord(opts);
  const { decisionId } = base.decision;
  const createdAt = base.decidedAt;
  return {
    ...base,
    challenge: {
      id: decisionId,
      userId: base.userId,
      decisionId,
      amount: base.amount,
      payee: 'ZA-ACC-001',
      methods: ['WEBAUTHN', 'TOTP'],
      riskLevel: base.decision.riskLevel,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + (opts.ttlMs ?? minutes(5))),
      status: 'PENDING',
      attempts: 0,
      sends: 0,
    },
  };
}
