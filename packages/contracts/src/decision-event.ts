import type { DecisionRecord } from './decision.ts';
import { DECISION_EVENT_SCHEMA_VERSION, type DecisionEvent } from './decision-event-schema.ts';
import type { Pseudonymise } from './pseudonymiser.ts';

/**
 * The analytics view of a recorded decision. Pure: pseudonyms come from `pseudonymise`.
 * Integers are rounded and non-finite numbers replaced, so no record can produce an event the
 * topic's schema refuses (a refused event would sit in the outbox forever).
 */
export function toDecisionEvent(record: DecisionRecord, pseudonymise: Pseudonymise): DecisionEvent {
  const { decision } = record;
  const ageHours = decision.signals.simSwap.ageHours;
  const behavior = decision.signals.behavior;
  const payee = record.context.payment.payee;
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
    // The record's client is its tenant until records carry a tenant of their own.
    tenantId: record.clientId,
    escrowId: decision.escrow?.escrowId ?? null,
    escrowReleaseBy:
      decision.escrow === undefined ? null : rfc3339Micros(decision.escrow.releaseBy),
    // A STEP_UP decision's challenge has the decision's id (an out-of-band one has none). The challenge URL (and its client
    // secret, which only the answer carries) is never part of the event.
    stepUpChallengeId: decision.stepUp?.challengeUrl === undefined ? null : decision.decisionId,
    payeeKey: payee === undefined ? null : pseudonymise('payee', payee.accountId),
  };
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value !== undefined && value !== null && Number.isFinite(value) ? value : null;
}

function epochMicros(at: Date): number {
  // Dates carry milliseconds; microseconds stay below 2^53 until the year 2255.
  return at.getTime() * 1000;
}

function rfc3339Micros(at: string): number | null {
  const ms = Date.parse(at);
  return Number.isFinite(ms) && ms >= 0 ? ms * 1000 : null;
}
