import { ACTIONS, RISK_LEVELS, STEP_UP_METHODS } from '@sentinel/engine';
import { z } from 'zod';
import type { DecisionEvent } from './decision-event.ts';

/**
 * Avro's JSON encoding names the branch of a non-null union value: `{"string": "x"}`,
 * `{"double": 1.5}`, `{"int": 2}`; null stays `null`. Only the nullable fields are unions.
 */
type AvroUnion<K extends string, T> = null | Readonly<Record<K, T>>;

/** A `DecisionEvent` in Avro JSON encoding, as the topic's schema (JSON encoding) accepts it. */
export interface DecisionEventAvroJson extends Omit<
  DecisionEvent,
  | 'escrowReason'
  | 'simSwapAgeHours'
  | 'behaviorScore'
  | 'behaviorDistance'
  | 'behaviorBaselineVersion'
> {
  readonly escrowReason: AvroUnion<'string', string>;
  readonly simSwapAgeHours: AvroUnion<'double', number>;
  readonly behaviorScore: AvroUnion<'double', number>;
  readonly behaviorDistance: AvroUnion<'double', number>;
  readonly behaviorBaselineVersion: AvroUnion<'int', number>;
}

const wrap = <K extends string, T>(branch: K, value: T | null): AvroUnion<K, T> =>
  value === null ? null : ({ [branch]: value } as Record<K, T>);

/**
 * The message body for the `risk-decisions` topic. Fields are listed one by one in schema order,
 * so nothing outside the schema (say, a raw phone number on a widened object) can leak through.
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
    escrowReason: wrap('string', e.escrowReason),
    freeze: e.freeze,
    simSwapFreshness: e.simSwapFreshness,
    simSwapAgeHours: wrap('double', e.simSwapAgeHours),
    policyId: e.policyId,
    policyVersion: e.policyVersion,
    latencyMs: e.latencyMs,
    schemaVersion: e.schemaVersion,
    behaviorScore: wrap('double', e.behaviorScore),
    behaviorDistance: wrap('double', e.behaviorDistance),
    behaviorBaselineVersion: wrap('int', e.behaviorBaselineVersion),
  };
}

const micros = z.number().int().nonnegative();
const double = z
  .object({ double: z.number() })
  .nullable()
  .transform((u) => u?.double ?? null);

const AvroJsonSchema = z.object({
  decisionId: z.string(),
  transactionId: z.string(),
  clientId: z.string(),
  occurredAt: micros,
  decidedAt: micros,
  userKey: z.string(),
  phoneKey: z.string(),
  ipKey: z.string(),
  deviceKey: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  channel: z.string(),
  action: z.enum(ACTIONS),
  riskScore: z.number().int(),
  riskLevel: z.enum(RISK_LEVELS),
  reasons: z.array(z.object({ code: z.string(), weight: z.number().int() })),
  stepUpMethods: z.array(z.enum(STEP_UP_METHODS)),
  escrowHeld: z.boolean(),
  escrowReason: z
    .object({ string: z.string() })
    .nullable()
    .transform((u) => u?.string ?? null),
  freeze: z.boolean(),
  simSwapFreshness: z.enum(['FRESH', 'STALE', 'UNAVAILABLE']),
  simSwapAgeHours: double,
  policyId: z.string(),
  policyVersion: z.number().int(),
  latencyMs: z.number(),
  schemaVersion: z.number().int(),
  behaviorScore: double,
  behaviorDistance: double,
  behaviorBaselineVersion: z
    .object({ int: z.number().int() })
    .nullable()
    .transform((u) => u?.int ?? null),
}) satisfies z.ZodType<DecisionEvent>;

/**
 * The consumer side: a `risk-decisions` message body (Avro JSON) back to a `DecisionEvent`.
 * Throws a `ZodError` when the body does not match (nack / dead-letter it).
 */
export function parseAvroJson(body: unknown): DecisionEvent {
  return AvroJsonSchema.parse(body);
}
