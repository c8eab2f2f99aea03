import {
  avroUnion as wrap,
  DecisionEventJsonSchema,
  type DecisionEvent,
  type DecisionEventAvroJson,
} from './decision-event-schema.ts';

/**
 * The message body for the `risk-decisions` topic (the producer side of `parseDecisionEvent`).
 * Fields are listed one by one in schema order, so nothing outside the schema (say, a raw phone
 * number on a widened object) can leak through.
 */
export function toAvroJson(e: DecisionEvent): DecisionEventAvroJson {
  return {
    decisionId: e.decisionId,
    transactionId: e.transactionId,
    clientId: e.clientId,
    occurredAt: e.occurredAt,
    decidedAt: e.decidedAt,
    userKey: e.userKey,
    phoneKey: e.phoneKey,
    ipKey: e.ipKey,
    deviceKey: e.deviceKey,
    amountMinor: e.amountMinor,
    currency: e.currency,
    channel: e.channel,
    action: e.action,
    riskScore: e.riskScore,
    riskLevel: e.riskLevel,
    reasons: e.reasons.map((r) => ({ code: r.code, weight: r.weight })),
    stepUpMethods: [...e.stepUpMethods],
    escrowHeld: e.escrowHeld,
    escrowReason: wrap('escrowReason', e.escrowReason),
    freeze: e.freeze,
    simSwapFreshness: e.simSwapFreshness,
    simSwapAgeHours: wrap('simSwapAgeHours', e.simSwapAgeHours),
    policyId: e.policyId,
    policyVersion: e.policyVersion,
    latencyMs: e.latencyMs,
    schemaVersion: e.schemaVersion,
    behaviorScore: wrap('behaviorScore', e.behaviorScore),
    behaviorDistance: wrap('behaviorDistance', e.behaviorDistance),
    behaviorBaselineVersion: wrap('behaviorBaselineVersion', e.behaviorBaselineVersion),
    tenantId: wrap('tenantId', e.tenantId),
    escrowId: wrap('escrowId', e.escrowId),
    escrowReleaseBy: wrap('escrowReleaseBy', e.escrowReleaseBy),
    stepUpChallengeId: wrap('stepUpChallengeId', e.stepUpChallengeId),
    payeeKey: wrap('payeeKey', e.payeeKey),
  };
}

/**
 * The consumer side: a `risk-decisions` message body (Avro JSON, any schema revision since
 * schemaVersion 2) back to a `DecisionEvent`; fields a revision lacks read as their Avro default.
 * Throws a `ZodError` when the body does not match (nack / dead-letter it).
 */
export function parseDecisionEvent(body: unknown): DecisionEvent {
  return DecisionEventJsonSchema.parse(body);
}
