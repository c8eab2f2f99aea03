import type { Action, RiskLevel, SignalFreshness, StepUpMethod } from '@sentinel/engine';
import type { DecisionRecord } from './decision.ts';
import type { Pseudonymise } from './pseudonymiser.ts';

/** Bumped on every change to infra/pubsub/risk-decision.avsc (see infra/pubsub/README.md). */
export const DECISION_EVENT_SCHEMA_VERSION = 2;

/**
 * One decision on the `risk-decisions` topic and one row of the BigQuery `decisions` table.
 * Field for field the Avro record in infra/pubsub/risk-decision.avsc. Holds no raw personal data:
 * user, phone, IP and device appear only as keyed hashes.
 */
export interface DecisionEvent {
  readonly decisionId: string;
  readonly transactionId: string;
  /** The API client (bank or PSP) that asked: not personal data, needed for per-bank KPIs. */
  readonly clientId: string;
  /** When the payment was initiated, in microseconds since the Unix epoch (Avro timestamp-micros). */
  readonly occurredAt: number;
  /** When Sentinel decided, in microseconds since the Unix epoch (Avro timestamp-micros). */
  readonly decidedAt: number;
  readonly userKey: string;
  readonly phoneKey: string;
  readonly ipKey: string;
  readonly deviceKey: string;
  /** Integer minor units. */
  readonly amountMinor: number;
  readonly currency: string;
  readonly channel: string;
  readonly action: Action;
  /** Integer 0–100. */
  readonly riskScore: number;
  readonly riskLevel: RiskLevel;
  /** Ordered by weight, highest first; codes only (messages and evidence stay in Firestore). */
  readonly reasons: readonly { readonly code: string; readonly weight: number }[];
  readonly stepUpMethods: readonly StepUpMethod[];
  readonly escrowHeld: boolean;
  readonly escrowReason: string | null;
  readonly freeze: boolean;
  readonly simSwapFreshness: SignalFreshness;
  readonly simSwapAgeHours: number | null;
  readonly policyId: string;
  readonly policyVersion: number;
  readonly latencyMs: number;
  readonly schemaVersion: number;
  /** SHIELD's confidence 0–100 (high = like the user); null when no snapshot was scored. */
  readonly behaviorScore: number | null;
  readonly behaviorDistance: number | null;
  readonly behaviorBaselineVersion: number | null;
}

/**
 * The analytics view of a recorded decision. Pure: pseudonyms come from `pseudonymise`.
 * Integers are rounded and non-finite numbers replaced, so no record can produce an event the
 * topic's schema refuses (a refused event would sit in the outbox forever).
 */
export function toDecisionEvent(record: DecisionRecord, pseudonymise: Pseudonymise): DecisionEvent {
  const { decision } = record;
  const ageHours = decision.signals.simSwap.ageHours;
  const behavior = decision.signals.behavior;
  return {
    decisionId: decision.decisionId,
    transactionId: decision.transactionId,
    clientId: record.clientId,
    occurredAt: epochMicros(record.occurredAt),
    decidedAt: epochMicros(record.decidedAt),
    userKey: pseudonymise('user', record.userId),
    phoneKey: pseudonymise('phone', record.phoneNumber),
    ipKey: pseudonymise('ip', record.ipAddress),
    deviceKey: pseudonymise('device', record.deviceId),
    amountMinor: Math.trunc(record.amount.minor),
    currency: record.amount.currency,
    channel: record.channel,
    action: decision.action,
    riskScore: Math.round(decision.riskScore),
    riskLevel: decision.riskLevel,
    reasons: decision.reasons.map((r) => ({ code: r.code, weight: Math.round(r.weight) })),
    stepUpMethods: [...(decision.stepUp?.methods ?? [])],
    escrowHeld: decision.escrow !== undefined,
    escrowReason: decision.escrow?.reason ?? null,
    freeze: decision.freeze,
    simSwapFreshness: decision.signals.simSwap.freshness,
    simSwapAgeHours: finiteOrNull(ageHours),
    policyId: decision.policy.id,
    policyVersion: decision.policy.version,
    latencyMs: Number.isFinite(decision.latencyMs) ? decision.latencyMs : 0,
    schemaVersion: DECISION_EVENT_SCHEMA_VERSION,
    behaviorScore: finiteOrNull(behavior?.score),
    behaviorDistance: finiteOrNull(behavior?.distance),
    behaviorBaselineVersion: behavior === undefined ? null : Math.trunc(behavior.baselineVersion),
  };
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value !== undefined && value !== null && Number.isFinite(value) ? value : null;
}

function epochMicros(at: Date): number {
  // Dates carry milliseconds; microseconds stay below 2^53 until the year 2255.
  return at.getTime() * 1000;
}
