import type { PolicyDocument } from '@sentinel/engine';
import type { Decision } from './decision-schema.ts';

// The escrow of a held payment (issue 12): one definition for the risk-api (which writes the hold
// in the decision's own commit), the escrow service (its state machine) and every consumer of
// its events (the payment stack's webhooks, the escrow-events topic, analytics).

/** A hold's life: HELD until exactly one terminal state. */
export const ESCROW_STATUSES = ['HELD', 'RELEASED', 'REVERSED', 'EXPIRED'] as const;
export type EscrowStatus = (typeof ESCROW_STATUSES)[number];
export type EscrowTerminalStatus = Exclude<EscrowStatus, 'HELD'>;

/** Why a hold ended; each cause belongs to exactly one terminal status (`CAUSE_STATUS`). */
export const ESCROW_CAUSES = [
  /** The customer passed the decision's in-app step-up (passkey, TOTP…). */
  'STEP_UP_PASSED',
  /** An operator recorded a passed out-of-band verification (call centre, branch). */
  'VERIFIED',
  /** The sweep found a passed verification and a fresh, clean telco signal. */
  'VERIFIED_AND_SIGNAL_CLEAN',
  /** The bank confirmed the payment as legitimate (risk-outcomes). */
  'CONFIRMED_LEGITIMATE',
  /** An admin released the hold by hand. */
  'ADMIN_RELEASE',
  /** The customer failed the step-up and the policy reverses on failure. */
  'STEP_UP_FAILED',
  /** An operator recorded a failed out-of-band verification. */
  'VERIFICATION_FAILED',
  /** The bank confirmed fraud, or reported a chargeback (risk-outcomes). */
  'CONFIRMED_FRAUD',
  /** An admin reversed the hold by hand. */
  'ADMIN_REVERSE',
  /** `releaseBy` passed with nothing to release it: the payment was never sent. */
  'HOLD_EXPIRED',
] as const;
export type EscrowCause = (typeof ESCROW_CAUSES)[number];

export const CAUSE_STATUS: Readonly<Record<EscrowCause, EscrowTerminalStatus>> = {
  STEP_UP_PASSED: 'RELEASED',
  VERIFIED: 'RELEASED',
  VERIFIED_AND_SIGNAL_CLEAN: 'RELEASED',
  CONFIRMED_LEGITIMATE: 'RELEASED',
  ADMIN_RELEASE: 'RELEASED',
  STEP_UP_FAILED: 'REVERSED',
  VERIFICATION_FAILED: 'REVERSED',
  CONFIRMED_FRAUD: 'REVERSED',
  ADMIN_REVERSE: 'REVERSED',
  HOLD_EXPIRED: 'EXPIRED',
};

/** How an out-of-band verification was made. */
export const VERIFICATION_METHODS = ['CALL_CENTRE', 'BRANCH', 'OTHER'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** An operator's out-of-band verification of the customer behind a held payment. */
export interface EscrowVerification {
  readonly method: VerificationMethod;
  readonly result: 'PASSED' | 'FAILED';
  /** Who made it: the operator's id in the bank's systems (not the customer's). */
  readonly operator: string;
  /** The bank's own reference (call id, case number). */
  readonly reference: string;
  readonly recordedAt: Date;
}

/**
 * What the hold's policy said when it was made; kept on the hold, so a policy change never
 * changes a hold already running.
 */
export interface EscrowRules {
  /**
   * `VERIFICATION`: a passed out-of-band verification releases at once.
   * `VERIFICATION_AND_CLEAN_SIGNAL`: it releases only once the telco signal is also fresh and shows
   * no swap within `cleanSwapAgeHours` (a call-centre call reaches whoever holds the SIM).
   */
  readonly release: 'VERIFICATION' | 'VERIFICATION_AND_CLEAN_SIGNAL';
  /** A failed step-up reverses the hold, or keeps it for review (an operator or expiry ends it). */
  readonly onStepUpFailed: 'REVERSE' | 'KEEP';
  /** A signal is fresh when checked at most this long ago. */
  readonly signalMaxAgeSeconds: number;
  /** A signal is clean when it shows no swap within this many hours. */
  readonly cleanSwapAgeHours: number;
}

/** How a hold ended. */
export interface EscrowSettlement {
  readonly status: EscrowTerminalStatus;
  readonly cause: EscrowCause;
  readonly at: Date;
  /** The operator or admin who ended it; null when a customer's step-up, an outcome or the sweep did. */
  readonly by: string | null;
}

/**
 * One held payment. Its id is the decision's `escrow.escrowId`; it is written in the decision's
 * own commit (so it exists the moment the answer is sent) and changed only in transactions.
 */
export interface Escrow {
  readonly escrowId: string;
  readonly decisionId: string;
  readonly transactionId: string;
  /** The bank's customer id and phone number: kept in the tenant's store, never in an event. */
  readonly userId: string;
  readonly phoneNumber: string;
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly channel: string;
  /** The reason code that asked for the hold (TELCO_SIGNAL_UNAVAILABLE…). */
  readonly reason: string;
  readonly status: EscrowStatus;
  readonly heldAt: Date;
  readonly releaseBy: Date;
  readonly rules: EscrowRules;
  readonly verifications: readonly EscrowVerification[];
  readonly settlement: EscrowSettlement | null;
  /**
   * Events written for this hold so far (escrow.held is 1). The next event's sequence is this plus
   * one; `escrow.held` is written by the first of the decision event and the first transition.
   */
  readonly eventCount: number;
}

export const ESCROW_EVENT_TYPES = [
  'escrow.held',
  'escrow.released',
  'escrow.reversed',
  'escrow.expired',
] as const;
export type EscrowEventType = (typeof ESCROW_EVENT_TYPES)[number];

export function eventTypeOf(status: EscrowStatus): EscrowEventType {
  return `escrow.${status.toLowerCase()}` as EscrowEventType;
}

/**
 * One transition of one hold, as the payment stack's webhook and the escrow-events topic carry
 * it. No personal data: the payment stack matches it by `transactionId`. `eventId` is stable
 * (`<escrowId>.<sequence>`) and is the webhook's `webhook-id`, the same on every retry.
 */
export interface EscrowEvent {
  readonly eventId: string;
  readonly type: EscrowEventType;
  readonly tenantId: string;
  readonly escrowId: string;
  readonly decisionId: string;
  readonly transactionId: string;
  readonly status: EscrowStatus;
  readonly reason: string;
  /** Null for escrow.held. */
  readonly cause: EscrowCause | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly heldAt: Date;
  readonly releaseBy: Date;
  readonly occurredAt: Date;
  /** 1 for escrow.held, 2 for the terminal event. */
  readonly sequence: number;
}

export function escrowEventId(escrowId: string, sequence: number): string {
  return `${escrowId}.${sequence}`;
}

/** The rules a new hold keeps from the policy that decided it. */
export function escrowRules(policy: PolicyDocument): EscrowRules {
  return {
    release: policy.escrow.release ?? 'VERIFICATION',
    onStepUpFailed: policy.escrow.onStepUpFailed ?? 'REVERSE',
    signalMaxAgeSeconds: policy.signalMaxAgeSeconds,
    cleanSwapAgeHours: policy.smsOtpBlockedForHours,
  };
}

/** The hold a decision asks for (null when it holds nothing), as its commit writes it. */
export function newHold(input: {
  readonly decision: Decision;
  readonly userId: string;
  readonly phoneNumber: string;
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly channel: string;
  readonly heldAt: Date;
  readonly rules: EscrowRules;
}): Escrow | null {
  const { decision } = input;
  if (decision.escrow === undefined) {
    return null;
  }
  return {
    escrowId: decision.escrow.escrowId,
    decisionId: decision.decisionId,
    transactionId: decision.transactionId,
    userId: input.userId,
    phoneNumber: input.phoneNumber,
    amount: { minor: input.amount.minor, currency: input.amount.currency },
    channel: input.channel,
    reason: decision.escrow.reason,
    status: 'HELD',
    heldAt: input.heldAt,
    releaseBy: new Date(decision.escrow.releaseBy),
    rules: input.rules,
    verifications: [],
    settlement: null,
    eventCount: 0,
  };
}
