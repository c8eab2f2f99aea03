import { STEP_UP_METHODS } from '@sentinel/engine';
import { z } from 'zod';
import type { Immutable } from './immutable.ts';
import type { StepUpChallenge, TerminalStatus } from './step-up-challenge.ts';

/** Bumped on every change to infra/pubsub/risk-outcome.avsc. */
export const OUTCOME_EVENT_SCHEMA_VERSION = 1;

const micros = z.number().int().nonnegative();

/**
 * A `risk-outcomes` message body (Avro JSON, infra/pubsub/risk-outcome.avsc, field for field) and
 * what it reads back as: one definition for the auth service (producer) and every consumer.
 */
export const OutcomeEventJsonSchema = z.object({
  decisionId: z.string(),
  tenantId: z.string(),
  status: z.enum(['PASSED', 'FAILED', 'EXPIRED']),
  method: z
    .object({ string: z.enum(STEP_UP_METHODS) })
    .nullable()
    .transform((u) => u?.string ?? null),
  completedAt: micros,
  createdAt: micros,
  attempts: z.number().int(),
  sends: z.number().int(),
  schemaVersion: z.number().int(),
});

/** How one step-up ended, as analytics and the bank's systems see it. */
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
  };
}

/** The message body: fields in schema order, the nullable one in its Avro union branch. */
export function outcomeToAvroJson(e: OutcomeEvent) {
  return {
    decisionId: e.decisionId,
    tenantId: e.tenantId,
    status: e.status,
    method: e.method === null ? null : { string: e.method },
    completedAt: e.completedAt,
    createdAt: e.createdAt,
    attempts: e.attempts,
    sends: e.sends,
    schemaVersion: e.schemaVersion,
  };
}

/** The consumer side; throws a `ZodError` for a body that is not an outcome event. */
export function parseOutcomeEvent(body: unknown): OutcomeEvent {
  return OutcomeEventJsonSchema.parse(body);
}
