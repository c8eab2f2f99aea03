import { ACTIONS, OFFERED_METHODS, OUT_OF_BAND, RISK_LEVELS } from '@sentinel/engine';
import { z } from 'zod';
import type { Immutable } from './immutable.ts';

// The one schema of a decision. The HTTP answer (and its OpenAPI document: `meta` is read by the
// OpenAPI generator), the decision inside the stored record (read back from Firestore with this
// very schema) and the event (a projection, decision-event.ts) all come from here.

export const SIGNAL_FRESHNESS = ['FRESH', 'STALE', 'UNAVAILABLE'] as const;

export const ReasonSchema = z
  .object({
    code: z.string().meta({ example: 'SIM_SWAP_RECENT' }),
    message: z.string().meta({ example: 'SIM changed 3 h ago' }),
    weight: z.number().int(),
    evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'Reason' });

/** SPEC §4's public part of the behaviour signal; the rest is kept for the feature inspector. */
export const BehaviorSignalSchema = z
  .object({
    score: z
      .number()
      .min(0)
      .max(100)
      .meta({
        description:
          "SHIELD's confidence that the session is the user's: 0–100, high = like the user " +
          '(a typical enrolment session scores about 90). The opposite direction of riskScore.',
        example: 91.3,
      }),
    distance: z.number().min(0).meta({
      description: 'Mahalanobis distance from the baseline (standardised units).',
      example: 6.412,
    }),
    baselineVersion: z.number().int().meta({
      description: 'The baseline version the snapshot was scored against.',
    }),
    topAnomalies: z
      .array(z.string())
      .readonly()
      .meta({
        description:
          'Features with |z| > 2.5 (or a change in a feature constant in training), most unusual first.',
        example: ['typing much slower than usual (z = 3.4)'],
      }),
  })
  .meta({
    id: 'BehaviorSignal',
    description:
      'Present when the payment carried a behaviour snapshot and the user has a baseline ' +
      '(POST /v1/users/{userId}/behavior/enroll).',
  });

/**
 * A STEP_UP decision's step-up: the safe in-app methods, most preferred first, with the challenge
 * where the customer completes one; or, when no in-app method is safe and the payment is held,
 * `OUT_OF_BAND` alone and no challenge (issue 12): the bank verifies the customer by call centre
 * or branch and records it on the escrow, which releases the payment.
 */
export const StepUpSchema = z
  .object({
    methods: z.array(z.enum(OFFERED_METHODS)).min(1).readonly(),
    challengeUrl: z.string().optional().meta({ description: 'Absent for OUT_OF_BAND' }),
    expiresAt: z.string().optional().meta({ description: 'RFC 3339; absent for OUT_OF_BAND' }),
  })
  .refine(
    (s) =>
      s.methods.includes(OUT_OF_BAND)
        ? s.methods.length === 1 && s.challengeUrl === undefined && s.expiresAt === undefined
        : s.challengeUrl !== undefined && s.expiresAt !== undefined,
    'OUT_OF_BAND comes alone and without a challenge; in-app methods come with one',
  )
  .meta({ id: 'StepUp' });

/** The answer to `POST /v1/assess-payment` and the decision Sentinel records (SPEC §4). */
export const DecisionSchema = z
  .object({
    decisionId: z.string().meta({ description: 'UUIDv7, time-ordered' }),
    transactionId: z.string(),
    action: z.enum(ACTIONS),
    riskScore: z.number().int().min(0).max(100),
    riskLevel: z.enum(RISK_LEVELS),
    reasons: z.array(ReasonSchema).readonly(),
    stepUp: StepUpSchema.optional(),
    escrow: z
      .object({
        status: z.literal('HELD'),
        escrowId: z.string(),
        reason: z.string(),
        releaseBy: z.string().meta({ description: 'RFC 3339' }),
      })
      .optional(),
    freeze: z.boolean().meta({
      description:
        'True when this decision freezes the payer’s account (FLEET_ANOMALY also freezes the other ' +
        'accounts stuffed from the device, never the device’s own bound customer by default): ' +
        'later payments are denied with ACCOUNT_FROZEN until an admin calls ' +
        'POST /v1/users/{userId}/unfreeze.',
    }),
    signals: z.object({
      simSwap: z.object({
        lastSwapAt: z.string().nullable(),
        ageHours: z.number().nullable(),
        freshness: z.enum(SIGNAL_FRESHNESS),
        source: z.string().nullable(),
      }),
      behavior: BehaviorSignalSchema.optional(),
    }),
    policy: z.object({ id: z.string(), version: z.number().int() }),
    latencyMs: z.number(),
  })
  .meta({ id: 'Decision' });

/** A decision, exactly as it goes over the wire and into the record. */
export type Decision = Immutable<z.output<typeof DecisionSchema>>;
