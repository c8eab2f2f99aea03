import {
  ACTIONS,
  LOCATION_SOURCES,
  RISK_LEVELS,
  STEP_UP_METHODS,
  type Effects,
  type PolicyDocument,
  type SimSwapSignal,
  type UserHistory,
  type UserProfile,
} from '@sentinel/engine';
import { Timestamp } from '@google-cloud/firestore';
import { z } from 'zod';
import {
  CHALLENGE_STATUSES,
  DecisionSchema,
  ESCROW_CAUSES,
  ESCROW_EVENT_TYPES,
  ESCROW_STATUSES,
  VERIFICATION_METHODS,
  type Escrow,
  type EscrowEvent,
  type StepUpChallenge,
  type StepUpOutcome,
} from '@sentinel/contracts';
import type { AccountFreeze } from '../ports/account-freezes.ts';
import { DELIVERY_STATUSES } from '../ports/escrows.ts';

// Firestore documents as they are read back. Timestamps become Dates; unknown fields are dropped
// (forward compatible) except in policies, whose full validation is the engine's compilePolicy.
// Each schema is checked against the domain type it produces, so the two cannot drift.

const Time = z.instanceof(Timestamp).transform((t) => t.toDate());

const Location = z.object({
  lat: z.number(),
  lon: z.number(),
  accuracyM: z.number().exactOptional(),
  source: z.enum(LOCATION_SOURCES),
});

/** `users/{userId}`. */
export const UserProfileDoc = z.object({
  userId: z.string(),
  phoneNumber: z.string(),
  devices: z.array(z.object({ id: z.string(), imei: z.string().exactOptional(), boundAt: Time })),
  homeLocation: z.object({ lat: z.number(), lon: z.number() }).exactOptional(),
  enrolledFactors: z.array(z.enum(['WEBAUTHN', 'TOTP'])),
  contacts: z.object({ email: z.string().exactOptional() }),
}) satisfies z.ZodType<UserProfile>;

/** `simSwapSignals/{E.164}`. */
export const SimSwapSignalDoc = z.object({
  phoneNumber: z.string(),
  lastSwapAt: Time.nullable(),
  checkedAt: Time,
  source: z.string(),
  monitoredPeriodHours: z.number().exactOptional(),
}) satisfies z.ZodType<SimSwapSignal>;

const Amount = z.object({ minor: z.number().int(), currency: z.string() });

// A history and a decision's effects are read in two forms: as Firestore maps, dates as Timestamps
// (documents written before they became JSON text), and as JSON text, dates as RFC 3339
// (history-doc.ts, decision-docs.ts, decision-context-json.ts). One shape, its date form given.

/** The parts a history and an effects record share: a payment, a located place, an IMEI seen. */
function datedParts(date: z.ZodType<Date>) {
  return {
    payment: z.object({
      decisionId: z.string(),
      at: date,
      amount: Amount,
      payeeAccountId: z.string().exactOptional(),
      action: z.enum(ACTIONS),
    }),
    location: Location.extend({ at: date }),
    imei: z.object({ imei: z.string(), phoneNumber: z.string(), at: date }),
  };
}

/** A customer's history (`UserHistory`) with dates read by `date`. */
export function historyOf(date: z.ZodType<Date>) {
  const { payment, location, imei } = datedParts(date);
  return z.object({
    recentPayments: z.array(payment),
    lastLocation: location.exactOptional(),
    lastImei: imei.exactOptional(),
    failedLogins: z.array(date),
  }) satisfies z.ZodType<UserHistory>;
}

/** A decision's effects, as the engine stated them (`DecisionRecord.effects`), dates by `date`. */
export function effectsOf(date: z.ZodType<Date>) {
  const { payment, location, imei } = datedParts(date);
  return z.object({
    freezes: z.array(z.object({ userId: z.string(), reason: z.string() })),
    history: z.object({
      userId: z.string(),
      // The decision's own id is the record's: its effects name the payment without it.
      payment: payment.omit({ decisionId: true }),
      location: location.exactOptional(),
      imei: imei.exactOptional(),
    }),
    sighting: z
      .object({ userId: z.string(), deviceId: z.string(), at: date, bound: z.boolean() })
      .nullable(),
  }) satisfies z.ZodType<Effects>;
}

/** `userHistory/{userId}` as maps (before `historyJson`, history-doc.ts). */
export const UserHistoryDoc = historyOf(Time);

/**
 * `decisions/{decisionId}`; `contextJson` holds the engine inputs (see decision-docs.ts). The
 * decision itself is read with the contract's own schema.
 */
export const DecisionDoc = z.object({
  decision: DecisionSchema,
  clientId: z.string(),
  userId: z.string(),
  phoneNumber: z.string(),
  ipAddress: z.string(),
  amount: z.object({ minor: z.number().int(), currency: z.string() }),
  channel: z.string(),
  deviceId: z.string(),
  requestHash: z.string(),
  occurredAt: Time,
  decidedAt: Time,
  contextJson: z.string(),
  effects: effectsOf(Time).exactOptional(),
  stepUpOutcome: z
    .object({
      status: z.enum(['PASSED', 'FAILED', 'EXPIRED']),
      method: z.enum(STEP_UP_METHODS).nullable(),
      at: Time,
    })
    .exactOptional() satisfies z.ZodType<StepUpOutcome | undefined>,
});

/** `challenges/{challengeId}`; `deleteAt` (the TTL field) is the store's own and is dropped. */
export const ChallengeDoc = z.object({
  id: z.string(),
  userId: z.string(),
  decisionId: z.string(),
  amount: Amount,
  payee: z.string().nullable(),
  methods: z.array(z.enum(STEP_UP_METHODS)),
  riskLevel: z.enum(RISK_LEVELS),
  createdAt: Time,
  expiresAt: Time,
  status: z.enum(CHALLENGE_STATUSES),
  attempts: z.number().int(),
  sends: z.number().int(),
  passedWith: z.enum(STEP_UP_METHODS).exactOptional(),
  completedAt: Time.exactOptional(),
  webauthnState: z.string().exactOptional(),
}) satisfies z.ZodType<StepUpChallenge>;

/** `outcomeOutbox/{challengeId}`: an outcome whose event is still to be published. */
export const OutcomeOutboxDoc = z.object({
  challengeId: z.string(),
  tenant: z.string(),
  dueAt: Time,
});

/** `deviceSightings/{sha256(deviceId)}`: a device's recent sightings, newest first. */
export const SightingsDoc = z.object({
  sightings: z.array(
    z.object({
      userId: z.string(),
      at: Time,
      decisionId: z.string(),
      // Sightings written before `bound` existed (kept 2 h at most): taken as bound, so they
      // can never get a device's own customer frozen.
      bound: z.boolean().default(true),
    }),
  ),
});

/** `accountFreezes/{userId}`; a missing document is `NEVER_FROZEN`. */
export const AccountFreezeDoc = z.object({
  frozen: z.boolean(),
  frozenAt: Time.exactOptional(),
  decisionId: z.string().exactOptional(),
  reason: z.string().exactOptional(),
  unfrozenAt: Time.exactOptional(),
  unfrozenBy: z.string().exactOptional(),
  comment: z.string().exactOptional(),
}) satisfies z.ZodType<AccountFreeze>;

/** `idempotency/{sha256(clientId \n transactionId)}`: the claim and the decision that won it. */
export const IdempotencyDoc = z.object({ decisionId: z.string(), requestHash: z.string() });

/** `outboxEntries/{hash}-{decisionId}` (also its `shard`) and the earlier `outbox/{decisionId}`. */
export const OutboxDoc = z.object({ decisionId: z.string(), tenant: z.string(), dueAt: Time });

const PolicySchema = z.looseObject({
  id: z.string(),
  version: z.number().int().nonnegative(),
  description: z.string().exactOptional(),
  signalMaxAgeSeconds: z.number(),
  smsOtpBlockedForHours: z.number(),
  levels: z.object({ mediumFrom: z.number(), highFrom: z.number() }),
  actions: z.record(z.enum(RISK_LEVELS), z.enum(ACTIONS)),
  stepUp: z.object({
    preference: z.array(z.enum(STEP_UP_METHODS)),
    whenNoSafeMethod: z.enum(['DENY', 'ESCROW']),
    challengeTtlSeconds: z.number(),
  }),
  escrow: z.object({
    holdHours: z.number(),
    release: z.enum(['VERIFICATION', 'VERIFICATION_AND_CLEAN_SIGNAL']).exactOptional(),
    onStepUpFailed: z.enum(['REVERSE', 'KEEP']).exactOptional(),
  }),
  dependencyUnavailable: z.object({
    action: z.enum(['STEP_UP', 'DENY']),
    denyFromMinor: z.record(z.string(), z.number()),
  }),
  rules: z.array(
    z.looseObject({
      id: z.string(),
      kind: z.string(),
      enabled: z.boolean().exactOptional(),
      params: z.record(z.string(), z.unknown()),
    }),
  ),
}) satisfies z.ZodType<PolicyDocument>;

/** The policy itself is JSON text: rule params are open-ended and may nest arrays. */
export const PolicyJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'policyJson is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(PolicySchema);

/** `policies/active` and `policyRevisions/{version, zero-padded}`. */
export const PolicyRevisionDoc = z.object({
  policyJson: PolicyJson,
  version: z.number().int().positive(),
  author: z.string(),
  updatedAt: Time,
  comment: z.string().exactOptional(),
});

/** `tenants/{tenant}/escrows/{escrowId}`; `awaitingSignal` (the sweep's query field) is dropped. */
export const EscrowDoc = z.object({
  escrowId: z.string(),
  decisionId: z.string(),
  transactionId: z.string(),
  userId: z.string(),
  phoneNumber: z.string(),
  amount: Amount,
  channel: z.string(),
  reason: z.string(),
  status: z.enum(ESCROW_STATUSES),
  heldAt: Time,
  releaseBy: Time,
  rules: z.object({
    release: z.enum(['VERIFICATION', 'VERIFICATION_AND_CLEAN_SIGNAL']),
    onStepUpFailed: z.enum(['REVERSE', 'KEEP']),
    signalMaxAgeSeconds: z.number(),
    cleanSwapAgeHours: z.number(),
  }),
  verifications: z.array(
    z.object({
      method: z.enum(VERIFICATION_METHODS),
      result: z.enum(['PASSED', 'FAILED']),
      operator: z.string(),
      reference: z.string(),
      recordedAt: Time,
    }),
  ),
  settlement: z
    .object({
      status: z.enum(['RELEASED', 'REVERSED', 'EXPIRED']),
      cause: z.enum(ESCROW_CAUSES),
      at: Time,
      by: z.string().nullable(),
    })
    .nullable(),
  eventCount: z.number().int().nonnegative(),
}) satisfies z.ZodType<Escrow>;

export const EscrowEventSchema = z.object({
  eventId: z.string(),
  type: z.enum(ESCROW_EVENT_TYPES),
  tenantId: z.string(),
  escrowId: z.string(),
  decisionId: z.string(),
  transactionId: z.string(),
  status: z.enum(ESCROW_STATUSES),
  reason: z.string(),
  cause: z.enum(ESCROW_CAUSES).nullable(),
  amountMinor: z.number().int(),
  currency: z.string(),
  heldAt: Time,
  releaseBy: Time,
  occurredAt: Time,
  sequence: z.number().int().positive(),
}) satisfies z.ZodType<EscrowEvent>;

/** `tenants/{tenant}/escrows/{escrowId}/events/{sequence}`: an event and its delivery log. */
export const EscrowEventDoc = z.object({
  event: EscrowEventSchema,
  webhook: z.object({
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.array(
      z.object({
        at: Time,
        status: z.number().int().nullable(),
        durationMs: z.number(),
        error: z.string().nullable(),
      }),
    ),
    nextAttemptAt: Time.nullable(),
  }),
  publishedAt: Time.nullable(),
});

/**
 * `escrowOutbox/{eventId}`: an event whose publication or webhook is still to do, with a copy of
 * its record, so a delivery round reads one document.
 */
export const EscrowOutboxDoc = EscrowEventDoc.extend({
  tenant: z.string(),
  escrowId: z.string(),
  sequence: z.number().int(),
  dueAt: Time,
  leaseUntil: Time.nullable(),
});
