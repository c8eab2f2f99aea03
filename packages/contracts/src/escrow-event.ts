import { z } from 'zod';
import { ESCROW_CAUSES, ESCROW_EVENT_TYPES, ESCROW_STATUSES, type EscrowEvent } from './escrow.ts';

/** Bumped on every change to infra/pubsub/escrow-event.avsc. */
export const ESCROW_EVENT_SCHEMA_VERSION = 1;

const micros = z.number().int().nonnegative();
const date = micros.transform((us) => new Date(us / 1000));

/**
 * An `escrow-events` message body (Avro JSON, infra/pubsub/escrow-event.avsc, field for field),
 * read back as an `EscrowEvent` (times as Dates). One definition for the escrow service (producer)
 * and every consumer.
 */
export const EscrowEventJsonSchema = z.object({
  eventId: z.string(),
  type: z.enum(ESCROW_EVENT_TYPES),
  tenantId: z.string(),
  escrowId: z.string(),
  decisionId: z.string(),
  transactionId: z.string(),
  status: z.enum(ESCROW_STATUSES),
  reason: z.string(),
  cause: z
    .object({ string: z.enum(ESCROW_CAUSES) })
    .nullable()
    .transform((u) => u?.string ?? null),
  amountMinor: z.number().int(),
  currency: z.string(),
  heldAt: date,
  releaseBy: date,
  occurredAt: date,
  sequence: z.number().int().positive(),
  schemaVersion: z.number().int(),
});

/** The message body as the escrow service publishes it. */
export type EscrowEventAvroJson = z.input<typeof EscrowEventJsonSchema>;

const toMicros = (at: Date): number => at.getTime() * 1000;

/**
 * The message body for the `escrow-events` topic: fields in schema order, listed one by one so
 * nothing outside the schema (a widened object's user id or phone number) can leak through.
 */
export function escrowEventToAvroJson(event: EscrowEvent): EscrowEventAvroJson {
  return {
    eventId: event.eventId,
    type: event.type,
    tenantId: event.tenantId,
    escrowId: event.escrowId,
    decisionId: event.decisionId,
    transactionId: event.transactionId,
    status: event.status,
    reason: event.reason,
    cause: event.cause === null ? null : { string: event.cause },
    amountMinor: event.amountMinor,
    currency: event.currency,
    heldAt: toMicros(event.heldAt),
    releaseBy: toMicros(event.releaseBy),
    occurredAt: toMicros(event.occurredAt),
    sequence: event.sequence,
    schemaVersion: ESCROW_EVENT_SCHEMA_VERSION,
  };
}

/** The consumer side; throws a `ZodError` for a body that is not an escrow event. */
export function parseEscrowEvent(body: unknown): EscrowEvent {
  const { schemaVersion: _version, ...event } = EscrowEventJsonSchema.parse(body);
  return event satisfies EscrowEvent;
}
