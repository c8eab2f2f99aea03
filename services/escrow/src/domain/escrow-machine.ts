import {
  CAUSE_STATUS,
  escrowEventId,
  eventTypeOf,
  type Escrow,
  type EscrowCause,
  type EscrowEvent,
  type EscrowVerification,
} from '@sentinel/contracts';
import type { SimSwapSignal } from '@sentinel/engine';
import type { EscrowTransition, TenantId } from '@sentinel/store';

// The escrow's state machine (issue 12), as pure functions of the escrow as it is now: HELD →
// RELEASED | REVERSED | EXPIRED, exactly once. The store runs each inside a transaction and runs
// it again on contention, so a racing release, reversal and expiry each see the state the winner
// left, and the losers change nothing.

/** Who or what ends a hold. */
export interface Settlement {
  readonly cause: EscrowCause;
  readonly at: Date;
  /** The operator or admin; null for a customer's step-up, an outcome or the sweep. */
  readonly by: string | null;
}

/**
 * Announces the hold: `escrow.held`, unless it was announced already. Whichever comes first, the
 * decision event or the first transition, writes it, so escrow.held always has sequence 1.
 */
export function announce(tenant: TenantId, escrow: Escrow, at: Date): EscrowTransition | null {
  if (escrow.eventCount > 0) {
    return null;
  }
  const announced = { ...escrow, eventCount: 1 };
  return { escrow: announced, events: [eventOf(tenant, announced, null, at)] };
}

/** Ends a HELD escrow for `settlement.cause`; null when it has ended already. */
export function settle(
  tenant: TenantId,
  escrow: Escrow,
  settlement: Settlement,
): EscrowTransition | null {
  if (escrow.status !== 'HELD') {
    return null;
  }
  const held = announce(tenant, escrow, settlement.at);
  const before = held?.escrow ?? escrow;
  const status = CAUSE_STATUS[settlement.cause];
  const settled: Escrow = {
    ...before,
    status,
    settlement: { status, ...settlement },
    eventCount: before.eventCount + 1,
  };
  return {
    escrow: settled,
    events: [...(held?.events ?? []), eventOf(tenant, settled, settlement.cause, settlement.at)],
  };
}

/**
 * Records an operator's out-of-band verification on a HELD escrow. A failed one reverses it; a
 * passed one releases it when the hold's rules let a verification release on its own, and
 * otherwise waits for the sweep to find a fresh, clean telco signal (or releases now if the
 * signal already is). Null when the escrow has ended.
 */
export function verify(
  tenant: TenantId,
  escrow: Escrow,
  verification: EscrowVerification,
  signal: SimSwapSignal | null,
): EscrowTransition | null {
  if (escrow.status !== 'HELD') {
    return null;
  }
  const recorded: Escrow = { ...escrow, verifications: [...escrow.verifications, verification] };
  const by = verification.operator;
  const at = verification.recordedAt;
  if (verification.result === 'FAILED') {
    return settle(tenant, recorded, { cause: 'VERIFICATION_FAILED', at, by });
  }
  if (recorded.rules.release === 'VERIFICATION') {
    return settle(tenant, recorded, { cause: 'VERIFIED', at, by });
  }
  if (isClean(signal, recorded, at)) {
    return settle(tenant, recorded, { cause: 'VERIFIED_AND_SIGNAL_CLEAN', at, by });
  }
  return { escrow: recorded, events: [] };
}

/** The sweep's release: a passed verification and, now, a fresh and clean signal. */
export function releaseOnCleanSignal(
  tenant: TenantId,
  escrow: Escrow,
  signal: SimSwapSignal | null,
  now: Date,
): EscrowTransition | null {
  const verified = escrow.verifications.some((v) => v.result === 'PASSED');
  return verified && isClean(signal, escrow, now)
    ? settle(tenant, escrow, { cause: 'VERIFIED_AND_SIGNAL_CLEAN', at: now, by: null })
    : null;
}

/** The sweep's expiry: HELD past `releaseBy` → EXPIRED (the payment was never sent). */
export function expire(tenant: TenantId, escrow: Escrow, now: Date): EscrowTransition | null {
  return escrow.releaseBy.getTime() <= now.getTime()
    ? settle(tenant, escrow, { cause: 'HOLD_EXPIRED', at: now, by: null })
    : null;
}

/** Outcome statuses on `risk-outcomes`, from the auth service (step-ups) and from the bank. */
export type OutcomeStatus =
  'PASSED' | 'FAILED' | 'EXPIRED' | 'CONFIRMED_FRAUD' | 'CONFIRMED_LEGITIMATE' | 'CHARGEBACK';

/**
 * What an outcome does to a hold: a passed step-up or a confirmed-legitimate payment releases
 * it; confirmed fraud or a chargeback reverses it; a failed step-up reverses it or keeps it for
 * review (the hold's rules); an expired challenge changes nothing (an operator can still verify
 * the customer before `releaseBy`). Null when the outcome leaves the hold as it is.
 */
export function causeOfOutcome(escrow: Escrow, status: OutcomeStatus): EscrowCause | null {
  switch (status) {
    case 'PASSED':
      return 'STEP_UP_PASSED';
    case 'CONFIRMED_LEGITIMATE':
      return 'CONFIRMED_LEGITIMATE';
    case 'CONFIRMED_FRAUD':
    case 'CHARGEBACK':
      return 'CONFIRMED_FRAUD';
    case 'FAILED':
      return escrow.rules.onStepUpFailed === 'REVERSE' ? 'STEP_UP_FAILED' : null;
    case 'EXPIRED':
      return null;
  }
}

/**
 * Fresh: checked within the hold's `signalMaxAgeSeconds` of `now`. Clean: no swap within
 * `cleanSwapAgeHours`, and none since the payment was held.
 */
export function isClean(signal: SimSwapSignal | null, escrow: Escrow, now: Date): boolean {
  if (signal === null) {
    return false;
  }
  const { signalMaxAgeSeconds, cleanSwapAgeHours } = escrow.rules;
  if (now.getTime() - signal.checkedAt.getTime() > signalMaxAgeSeconds * 1000) {
    return false;
  }
  if (signal.lastSwapAt === null) {
    return true;
  }
  const swapAt = signal.lastSwapAt.getTime();
  return (
    swapAt < escrow.heldAt.getTime() && now.getTime() - swapAt >= cleanSwapAgeHours * 3_600_000
  );
}

function eventOf(
  tenant: TenantId,
  escrow: Escrow,
  cause: EscrowCause | null,
  at: Date,
): EscrowEvent {
  return {
    eventId: escrowEventId(escrow.escrowId, escrow.eventCount),
    type: eventTypeOf(escrow.status),
    tenantId: tenant,
    escrowId: escrow.escrowId,
    decisionId: escrow.decisionId,
    transactionId: escrow.transactionId,
    status: escrow.status,
    reason: escrow.reason,
    cause,
    amountMinor: escrow.amount.minor,
    currency: escrow.amount.currency,
    heldAt: escrow.heldAt,
    releaseBy: escrow.releaseBy,
    occurredAt: at,
    sequence: escrow.eventCount,
  };
}
