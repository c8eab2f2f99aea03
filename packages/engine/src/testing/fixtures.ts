// Test data builders shared by the engine's tests (not exported from the package).
import type { PaymentRequest } from '../payment.ts';
import type { CompiledPolicy } from '../policy/compiled-policy.ts';
import { compilePolicy } from '../policy/compile-policy.ts';
import { BATCH_POLICY } from '../policy/batch-policy.ts';
import { DEFAULT_POLICY } from '../policy/default-policy.ts';
import type { PolicyDocument } from '../policy/policy-document.ts';
import type { AssessmentContext, Rule } from '../rule.ts';
import type { RuleKind } from '../rule-kind.ts';
import { classifySimSwapSignal } from '../signal-freshness.ts';
import type {
  DeviceSighting,
  SignalFreshness,
  SimSwapSignal,
  UserHistory,
  UserProfile,
} from '../signals.ts';
import { MS_PER_HOUR } from '../time.ts';

/** The fixed clock of every engine test. */
export const NOW = new Date('2026-11-21T10:00:00Z');
export const PHONE = '+27821234567';
export const IMEI = '356938035643809';
export const OTHER_IMEI = '490154203237518';
export const JOHANNESBURG = { lat: -26.2041, lon: 28.0473 } as const;
export const PRETORIA = { lat: -25.7479, lon: 28.2293 } as const; // ≈ 54 km from Johannesburg
export const CAPE_TOWN = { lat: -33.9249, lon: 18.4241 } as const; // ≈ 1,262 km from Johannesburg

/** Overrides where `undefined` removes an optional field (exactOptionalPropertyTypes forbids it). */
export type Overrides<T> = { readonly [K in keyof T]?: T[K] | undefined };

function merge<T extends object>(base: T, overrides: Overrides<T>): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removing an optional field
      delete out[key];
    } else {
      out[key] = value;
    }
  }
  return out as T;
}

export const hoursAgo = (hours: number): Date => new Date(NOW.getTime() - hours * MS_PER_HOUR);
export const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);

/** A known customer: one device bound 90 days ago, passkey enrolled, phone and e-mail on file. */
export function aProfile(overrides: Overrides<UserProfile> = {}): UserProfile {
  return merge<UserProfile>(
    {
      userId: 'u-1',
      phoneNumber: PHONE,
      devices: [{ id: 'dev-1', imei: IMEI, boundAt: hoursAgo(90 * 24) }],
      enrolledFactors: ['WEBAUTHN'],
      contacts: { email: 'customer@example.com' },
    },
    overrides,
  );
}

/** A R250 PayShap payment from the customer's bound device in Johannesburg, now. */
export function aPayment(overrides: Overrides<PaymentRequest> = {}): PaymentRequest {
  return merge<PaymentRequest>(
    {
      transactionId: 'tx-1',
      userId: 'u-1',
      phoneNumber: PHONE,
      amount: { minor: 25_000, currency: 'ZAR' },
      channel: 'PAYSHAP',
      device: { id: 'dev-1', imei: IMEI },
      ipAddress: '196.25.1.1',
      location: { ...JOHANNESBURG, accuracyM: 20, source: 'GPS' },
      occurredAt: NOW,
    },
    overrides,
  );
}

/** A fresh CAMARA answer: no swap in the monitored period, checked a minute ago. */
export function aSignal(overrides: Overrides<SimSwapSignal> = {}): SimSwapSignal {
  return merge<SimSwapSignal>(
    { phoneNumber: PHONE, lastSwapAt: null, checkedAt: minutesAgo(1), source: 'camara' },
    overrides,
  );
}

/** History of a quiet customer: last seen in Johannesburg 3 h ago with the same IMEI. */
export function aHistory(overrides: Overrides<UserHistory> = {}): UserHistory {
  return merge<UserHistory>(
    {
      recentPayments: [],
      failedLogins: [],
      lastLocation: { ...JOHANNESBURG, accuracyM: 20, source: 'GPS', at: hoursAgo(3) },
      lastImei: { imei: IMEI, phoneNumber: PHONE, at: hoursAgo(3) },
    },
    overrides,
  );
}

export interface ContextOverrides {
  readonly payment?: Overrides<PaymentRequest>;
  readonly profile?: UserProfile | null;
  readonly signal?: SimSwapSignal | null;
  /** Defaults to what `classifySimSwapSignal` says with the default 300 s. */
  readonly freshness?: SignalFreshness;
  readonly history?: Overrides<UserHistory>;
  readonly behavior?: AssessmentContext['behavior'];
  readonly deviceSightings?: readonly DeviceSighting[];
  readonly accountFrozen?: boolean;
}

/** A clean context (known customer, bound device, fresh signal, no swap) with overrides. */
export function aContext(overrides: ContextOverrides = {}): AssessmentContext {
  const signal = overrides.signal === undefined ? aSignal() : overrides.signal;
  return {
    payment: aPayment(overrides.payment),
    profile: overrides.profile === undefined ? aProfile() : overrides.profile,
    simSwap: { signal, freshness: overrides.freshness ?? classifySimSwapSignal(signal, NOW, 300) },
    history: aHistory(overrides.history),
    now: NOW,
    ...(overrides.behavior === undefined ? {} : { behavior: overrides.behavior }),
    ...(overrides.deviceSightings === undefined
      ? {}
      : { deviceSightings: overrides.deviceSightings }),
    ...(overrides.accountFrozen === undefined ? {} : { accountFrozen: overrides.accountFrozen }),
  };
}

/**
 * The params DEFAULT_POLICY gives a kind (its first rule of that kind), or BATCH_POLICY for the
 * kinds only the batch preset uses (the telco usage rules).
 */
export function defaultParams(kind: RuleKind): Readonly<Record<string, unknown>> {
  const config = [...DEFAULT_POLICY.rules, ...BATCH_POLICY.rules].find((r) => r.kind === kind.kind);
  if (config === undefined) {
    throw new Error(`neither DEFAULT_POLICY nor BATCH_POLICY has a ${kind.kind} rule`);
  }
  return config.params;
}

/** Builds a rule of `kind` from params (DEFAULT_POLICY's unless given), validated by its schema. */
export function ruleOf<P>(kind: RuleKind<P>, params: unknown = defaultParams(kind)): Rule {
  return kind.create('test', kind.params.parse(params), { smsOtpBlockedForHours: 168 });
}

/** Compiles a policy that must be valid (a test bug otherwise). */
export function compiled(doc: PolicyDocument = DEFAULT_POLICY): CompiledPolicy {
  const result = compilePolicy(doc);
  if (!result.ok) {
    throw new Error(`test policy does not compile: ${JSON.stringify(result.issues)}`);
  }
  return result.policy;
}
