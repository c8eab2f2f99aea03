import { ACTIONS, OFFERED_METHODS, RISK_LEVELS } from '@sentinel/engine';
import { z } from 'zod';
import { SIGNAL_FRESHNESS } from './decision-schema.ts';
import type { Immutable } from './immutable.ts';

/** Bumped on every change to infra/pubsub/risk-decision.avsc (see infra/pubsub/README.md). */
export const DECISION_EVENT_SCHEMA_VERSION = 3;

/**
 * The Avro branch of each nullable field. Avro's JSON encoding names the branch of a non-null
 * union value (`{"string": "x"}`, `{"double": 1.5}`); null stays `null`.
 */
const BRANCHES = {
  escrowReason: 'string',
  simSwapAgeHours: 'double',
  behaviorScore: 'double',
  behaviorDistance: 'double',
  behaviorBaselineVersion: 'int',
  tenantId: 'string',
  escrowId: 'string',
  escrowReleaseBy: 'long',
  stepUpChallengeId: 'string',
  payeeKey: 'string',
} as const;
type Branches = typeof BRANCHES;

/** `["null", T]` in Avro JSON, read back as `T | null`. */
function union<K extends keyof Branches, T extends z.ZodType>(field: K, value: T) {
  const branch: Branches[K] = BRANCHES[field];
  return z
    .object({ [branch]: value } as Record<Branches[K], T>)
    .nullable()
    .transform((u) => (u === null ? null : (u as Record<string, z.output<T>>)[branch]) ?? null);
}

/**
 * A field added after schemaVersion 2: a message written with an older revision lacks it, and
 * reads as the field's Avro default (null), as schema resolution would give it.
 */
function added<K extends keyof Branches, T extends z.ZodType>(field: K, value: T) {
  return union(field, value).default(null);
}

const micros = z.number().int().nonnegative();
const int = z.number().int();

/**
 * A `risk-decisions` message body (Avro JSON, infra/pubsub/risk-decision.avsc, field for field)
 * and what it reads back as. The event type is inferred from it: one definition for producer and
 * consumer.
 */
export const DecisionEventJsonSchema = z.object({
  decisionId: z.string(),
  transactionId: z.string(),
  clientId: z.string(),
  occurredAt: micros,
  decidedAt: micros,
  userKey: z.string(),
  phoneKey: z.string(),
  ipKey: z.string(),
  deviceKey: z.string(),
  amountMinor: int,
  currency: z.string(),
  channel: z.string(),
  action: z.enum(ACTIONS),
  riskScore: int,
  riskLevel: z.enum(RISK_LEVELS),
  reasons: z.array(z.object({ code: z.string(), weight: int })),
  stepUpMethods: z.array(z.enum(OFFERED_METHODS)),
  escrowHeld: z.boolean(),
  escrowReason: union('escrowReason', z.string()),
  freeze: z.boolean(),
  simSwapFreshness: z.enum(SIGNAL_FRESHNESS),
  simSwapAgeHours: union('simSwapAgeHours', z.number()),
  policyId: z.string(),
  policyVersion: int,
  latencyMs: z.number(),
  schemaVersion: int,
  behaviorScore: union('behaviorScore', z.number()),
  behaviorDistance: union('behaviorDistance', z.number()),
  behaviorBaselineVersion: union('behaviorBaselineVersion', int),
  tenantId: added('tenantId', z.string()),
  escrowId: added('escrowId', z.string()),
  escrowReleaseBy: added('escrowReleaseBy', micros),
  stepUpChallengeId: added('stepUpChallengeId', z.string()),
  payeeKey: added('payeeKey', z.string()),
});

/**
 * One decision on the `risk-decisions` topic and one row of the BigQuery `decisions` table.
 * Holds no raw personal data: user, phone, IP, device and payee appear only as keyed hashes.
 * Times are microseconds since the Unix epoch (Avro timestamp-micros), money integer minor units.
 */
export type DecisionEvent = Immutable<z.output<typeof DecisionEventJsonSchema>>;

type AvroUnion<K extends string, T> = null | { readonly [B in K]: T };

/** A `DecisionEvent` in Avro JSON encoding, as the topic's schema (JSON encoding) accepts it. */
export type DecisionEventAvroJson = {
  readonly [F in keyof DecisionEvent]: F extends keyof Branches
    ? AvroUnion<Branches[F], NonNullable<DecisionEvent[F]>>
    : DecisionEvent[F];
};

/** Wraps a nullable event field in its Avro union branch. */
export function avroUnion<F extends keyof Branches>(
  field: F,
  value: NonNullable<DecisionEvent[F]> | null,
): DecisionEventAvroJson[F] {
  return (value === null ? null : { [BRANCHES[field]]: value }) as DecisionEventAvroJson[F];
}
