import { STEP_UP_METHODS } from '@sentinel/engine';
import { z } from 'zod';
import type { Immutable } from './immutable.ts';
import type { StepUpChallenge, TerminalStatus } from './step-up-challenge.ts';

/** Bumped on every change to infra/pubsub/risk-outcome.avsc. */
export const OUTCOME_EVENT_SCHEMA_VERSION = 2;

/**
 * Every `status` of an outcome event. PASSED / FAILED / EXPIRED end a step-up, whoever reports it
 * (a bank-reported STEP_UP_PASSED is PASSED with source BANK, so one consumer rule covers both
 * producers); the rest come only from the bank.
 */
export const OUTCOME_STATUSES = [
  'PASSED',
  'FAILED',
  'EXPIRED',
  'CONFIRMED_FRAUD',
  'CONFIRMED_LEGITIMATE',
  'CHARGEBACK',
] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** Who reports an outcome: the auth service's step-up, or the bank through the risk-api. */
export const OUTCOME_SOURCES = ['AUTH', 'BANK'] as const;
export type OutcomeSource = (typeof OUTCOME_SOURCES)[number];

const micros = z.number().int().nonnegative();

/** `["null", string]`, added in schemaVersion 2: absent in a v1 body, read as null. */
const addedString = z
  .object({ string: z.string() })
  .nullable()
  .transform((u) => u?.string ?? null)
  .default(null);

/**
 * A `risk-outcomes` message body (Avro JSON, infra/pubsub/risk-outcome.avsc, field for field) and
 * what it reads back as: one definition for the producers (auth, risk-api) and every consumer.
 * A schemaVersion 1 body (no source, reportedBy, reference) reads as the auth service's.
 */
export const OutcomeEventJsonSchema = z.object({
  decisionId: z.string(),
  tenantId: z.string(),
  status: z.enum(OUTCOME_STATUSES),
  method: z
    .object({ string: z.enum(STEP_UP_METHODS) })
    .nullable()
    .transform((u) => u?.string ?? null),
  completedAt: micros,
  createdAt: micros,
  attempts: z.number().int(),
  sends: z.number().int(),
  schemaVersion: z.number().int(),
  // ["string", "null"] with default "AUTH": only the auth service published v1 outcomes.
  source: z
    .object({ string: z.enum(OUTCOME_SOURCES) })
    .nullable()
    .transform((u): OutcomeSource => u?.string ?? 'AUTH')
    .default('AUTH'),
  reportedBy: addedString,
  reference: addedString,
});

/** How a decision turned out, as analytics, the escrow service and the bank's systems see it. */
export type OutcomeEvent = Immutable<z.output<typeof OutcomeEventJsonSchema>>;

/** The event of a terminal challenge; throws for a pending one (a bug). */
export function toOutcomeEvent(tenant: string, challenge: StepUpChallenge): OutcomeEvent {
  const { status, completedAt } = challenge;
  if (status === 'PENDING' || completedAt === undefined) {
    throw new Error(`challenge ${challenge.id} has not ended`);
  }
  return {
    decisionId: challenge.decisionId,
    tenantId: tenant,
    status: status satisfies TerminalStatus,
    method: challenge.passedWith ?? null,
    completedAt: completedAt.getTime() * 1000,
    createdAt: challenge.createdAt.getTime() * 1000,
    attempts: challenge.attempts,
    sends: challenge.sends,
    schemaVersion: OUTCOME_EVENT_SCHEMA_VERSION,
    source: 'AUTH',
    reportedBy: null,
    reference: null,
  };
}

const wrapString = (value: string | null) => (value === null ? null : { string: value });

/** The message body: fields in schema order, the nullable ones in their Avro union branch. */
export function outcomeToAvroJson(e: OutcomeEvent) {
  return {
    decisionId: e.decisionId,
    tenantId: e.tenantId,
    status: e.status,
    method: wrapString(e.method),
    completedAt: e.completedAt,
    createdAt: e.createdAt,
    attempts: e.attempts,
    sends: e.sends,
    schemaVersion: e.schemaVersion,
    source: { string: e.source },
    reportedBy: wrapString(e.reportedBy),
    reference: wrapString(e.reference),
  };
}

/** The consumer side; throws a `ZodError` for a body that is not an outcome event. */
export function parseOutcomeEvent(body: unknown): OutcomeEvent {
  return OutcomeEventJsonSchema.parse(body);
}
