import type { Location, PaymentMemory } from '@sentinel/engine';
import type { DecisionRecord } from '@sentinel/contracts';
import type { HistoryUpdate } from '@sentinel/store';

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
  // Typed by the contract, validated where it was read back (the Firestore adapter).
  const { payment } = record.context;
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
  const imei = learn ? payment.device.imei : undefined;
  return {
    userId: record.userId,
    payment: memory,
    ...(location === undefined ? {} : { location: { ...location, at } }),
    ...(imei === undefined ? {} : { imei: { imei, phoneNumber: record.phoneNumber, at } }),
  };
}

function toLocation(location: Location | undefined): Location | undefined {
  if (location === undefined) {
    return undefined;
  }
  const { lat, lon, source, accuracyM } = location;
  return { lat, lon, source, ...(accuracyM === undefined ? {} : { accuracyM }) };
}
