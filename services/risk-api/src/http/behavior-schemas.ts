import { z } from '@hono/zod-openapi';
import { BEHAVIOR_FEATURE_NAMES, MIN_BASELINE_SESSIONS } from '@sentinel/engine';
import { BEHAVIOR_SESSIONS_KEPT } from '@sentinel/store';
import { FeatureName, ProblemSchema } from './schemas.ts';

/** At most this many sessions per upload (a 512 KiB body holds 200 full sessions). */
export const MAX_SESSIONS_PER_CALL = 200;

// Values are checked by the engine (app/session-vectors.ts), which names the feature in its message.
const FeatureMapSchema = z
  .record(FeatureName, z.unknown())
  .refine((f) => Object.keys(f).length <= 128, 'at most 128 features')
  .openapi({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: `All ${BEHAVIOR_FEATURE_NAMES.length} features of SHIELD's schema (sentinel-55/1) by name, finite numbers.`,
    example: { tap_pressure_mean: 0.55, inter_key_delay_mean: 180, words_per_minute: 38 },
  });

export const BehaviorSessionsInputSchema = z
  .strictObject({
    sessions: z
      .array(z.strictObject({ features: FeatureMapSchema }))
      .min(1)
      .max(MAX_SESSIONS_PER_CALL),
  })
  .openapi('BehaviorSessionsInput');

export const SessionsStoredSchema = z
  .object({
    userId: z.string(),
    added: z.number().int().openapi({ description: 'Sessions stored by this call.' }),
    total: z.number().int().openapi({ description: 'Sessions now kept for the user.' }),
    dropped: z.number().int().openapi({ description: 'Oldest sessions dropped to stay in bound.' }),
    maxKept: z.literal(BEHAVIOR_SESSIONS_KEPT),
  })
  .openapi('BehaviorSessionsStored');

export const EnrollInputSchema = z.strictObject({}).openapi('BehaviorEnrollInput');

export const BaselineSummarySchema = z
  .object({
    userId: z.string(),
    version: z.number().int().openapi({ description: 'Store-assigned, +1 per enrolment.' }),
    schemaVersion: z.string().openapi({ example: 'sentinel-55/1' }),
    n: z.number().int().openapi({ description: 'Sessions the baseline was fitted from.' }),
    meanTrainingDistance: z.number().openapi({
      description: 'Mean Mahalanobis distance of the training sessions (scores 90 by design).',
    }),
    shrinkage: z.number().openapi({ description: 'Ledoit–Wolf shrinkage intensity δ.' }),
    fittedAt: z.string(),
  })
  .openapi('BehaviorBaselineSummary');

export const NotEnoughSessionsSchema = ProblemSchema.extend({
  sessions: z.number().int().optional(),
  minSessions: z.literal(MIN_BASELINE_SESSIONS).optional(),
}).openapi('NotEnoughSessionsProblem');

export const AccountFreezeSchema = z
  .object({
    userId: z.string(),
    frozen: z.boolean(),
    frozenAt: z.string().optional(),
    decisionId: z.string().optional().openapi({ description: 'The decision that froze it.' }),
    reason: z.string().optional().openapi({ example: 'FLEET_ANOMALY' }),
    unfrozenAt: z.string().optional(),
    unfrozenBy: z.string().optional().openapi({ description: 'The admin client that unfroze it.' }),
    comment: z.string().optional(),
  })
  .openapi('AccountFreeze');

export const UnfreezeInputSchema = z
  .strictObject({ comment: z.string().max(500).optional() })
  .openapi('UnfreezeInput');

/** The feature inspector of one decision (GET /v1/decisions/{id}). */
export const BehaviorInspectorSchema = z
  .object({
    score: z.number(),
    distance: z.number(),
    baselineVersion: z.number().int(),
    topAnomalies: z.array(z.string()).readonly(),
    fusedScore: z.number().openapi({
      description: 'The confidence after fusion with the SIM swap signal (SHIELD, SPEC §6).',
    }),
    shieldLevel: z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']),
    simSwapActive: z.boolean(),
    zScores: z
      .array(z.object({ name: z.string(), z: z.number() }))
      .readonly()
      .openapi({
        description: 'Per feature (x − mean) / scale against the baseline, schema order.',
      }),
    imputed: z.array(z.string()).readonly().openapi({
      description: 'Features missing from the snapshot, filled with the baseline mean (z = 0).',
    }),
  })
  .openapi('BehaviorInspector');
