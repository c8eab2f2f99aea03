import { LOCATION_SOURCES, type Location, type PaymentMemory } from '@sentinel/engine';
import { z } from 'zod';
import type { DecisionRecord } from '@sentinel/contracts';
import type { HistoryUpdate } from '@sentinel/store';

// `context.payment` is the engine's PaymentRequest as JSON (ISO dates, no undefined fields),
// written by app/assess-payment.ts. Only the parts below are read; each one is optional and a
// malformed part is ignored rather than blocking the rest of the update.
const PaymentContextSchema = z.object({
  location: z
    .object({
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      accuracyM: z.number().nonnegative().optional(),
      source: z.enum(LOCATION_SOURCES),
    })
    .optional()
    .catch(undefined),
  device: z
    .object({ imei: z.string().min(1).optional() })
    .optional()
    .catch(undefined),
  payee: z
    .object({ accountId: z.string().min(1) })
    .optional()
    .catch(undefined),
});

/**
 * What one recorded decision teaches the user's history.
 *
 * Reads the record's `decision.decisionId`, `decision.action`, `userId`, `phoneNumber`, `amount`
 * and `occurredAt` (the payment's own time, which the time-window rules compare), plus
 * `context.payment.location`, `context.payment.device.imei` and `context.payment.payee.accountId`.
 *
 * Every decision becomes a payment memory (velocity rules count attempts, whatever the answer).
 * Location and IMEI are learned only from APPROVE: a denied or challenged attempt may be the
 * fraudster's, and learning its IMEI or place would silence IMEI drift and impossible travel for
 * the fraudster's next try while flagging the real customer's.
 */
export function toHistoryUpdate(record: DecisionRecord): HistoryUpdate {
  const parsed = PaymentContextSchema.safeParse(record.context['payment']);
  const payment = parsed.success ? parsed.data : {};
  const at = record.occurredAt;
  const memory: PaymentMemory = {
    decisionId: record.decision.decisionId,
    at,
    amount: { minor: record.amount.minor, currency: record.amount.currency },
    action: record.decision.action,
    ...(payment.payee === undefined ? {} : { payeeAccountId: payment.payee.accountId }),
  };
  const learn = record.decision.action === 'APPROVE';
  const location = learn ? toLocation(payment.location) : undefined;
  const imei = learn ? payment.device?.imei : undefined;
  return {
    userId: record.userId,
    payment: memory,
    ...(location === undefined ? {} : { location: { ...location, at } }),
    ...(imei === undefined ? {} : { imei: { imei, phoneNumber: record.phoneNumber, at } }),
  };
}

function toLocation(
  parsed: z.infer<typeof PaymentContextSchema>['location'],
): Location | undefined {
  if (parsed === undefined) {
    return undefined;
  }
  const { lat, lon, source, accuracyM } = parsed;
  return { lat, lon, source, ...(accuracyM === undefined ? {} : { accuracyM }) };
}
