import { createRoute, z } from '@hono/zod-openapi';
import { MIN_BASELINE_SESSIONS } from '@sentinel/engine';
import { BEHAVIOR_SESSIONS_KEPT } from '@sentinel/store';
import type { EnrolBehavior } from '../../app/enrol-behavior.ts';
import { toSessionVectors } from '../../app/session-vectors.ts';
import type { BehaviorStore, ForTenant } from '@sentinel/store';
import { callerTenant } from '../auth.ts';
import {
  BaselineSummarySchema,
  BehaviorSessionsInputSchema,
  EnrollInputSchema,
  MAX_SESSIONS_PER_CALL,
  NotEnoughSessionsSchema,
  SessionsStoredSchema,
} from '../behavior-schemas.ts';
import { ApiError } from '../problem.ts';
import { newRouter } from '../router.ts';
import { UserIdSchema } from '../schemas.ts';
import { COMMON_ERRORS, SECURITY } from './common.ts';

/** Bodies of up to 200 full sessions (about 330 KB of JSON) pass; everything else keeps 64 KiB. */
export const BEHAVIOR_SESSIONS_BODY_LIMIT = {
  path: /^\/v1\/users\/[^/]+\/behavior\/sessions$/,
  maxBytes: 512 * 1024,
} as const;

const Params = z.object({
  userId: UserIdSchema.openapi({ param: { name: 'userId', in: 'path' } }),
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/problem+json': { schema } },
});

const addSessions = createRoute({
  method: 'post',
  path: '/v1/users/{userId}/behavior/sessions',
  summary: 'Store legitimate behaviour sessions of a customer (for enrolment)',
  description:
    `1–${MAX_SESSIONS_PER_CALL} sessions per call, each with all 55 SHIELD features by name ` +
    `(finite numbers; an unknown, missing or non-finite feature is a 400 naming it). The newest ` +
    `${BEHAVIOR_SESSIONS_KEPT} sessions are kept per user, the oldest dropped first. Body limit ` +
    '512 KiB. Nothing is scored until POST …/behavior/enroll fits a baseline from them.',
  security: SECURITY,
  request: {
    params: Params,
    body: {
      required: true,
      content: { 'application/json': { schema: BehaviorSessionsInputSchema } },
    },
  },
  responses: { 201: json(SessionsStoredSchema, 'Stored'), ...COMMON_ERRORS },
});

const enroll = createRoute({
  method: 'post',
  path: '/v1/users/{userId}/behavior/enroll',
  summary: 'Fit and store the customer’s behavioural baseline (a new version)',
  description:
    `Fits a baseline from every stored session (at least ${MIN_BASELINE_SESSIONS}): ` +
    'standardisation, Ledoit–Wolf shrinkage covariance, Mahalanobis distance, score ' +
    '100·exp(−λD) with a typical session at 90 (SPEC §6). Stored versioned; the next payment ' +
    'with a `behavior` snapshot is scored against it (`signals.behavior`).',
  security: SECURITY,
  request: {
    params: Params,
    body: { required: true, content: { 'application/json': { schema: EnrollInputSchema } } },
  },
  responses: {
    201: json(BaselineSummarySchema, 'The new baseline version'),
    ...COMMON_ERRORS,
    422: problem(
      NotEnoughSessionsSchema,
      `BEHAVIOR.NOT_ENOUGH_SESSIONS (fewer than ${MIN_BASELINE_SESSIONS} stored; \`sessions\` ` +
        'says how many) or BEHAVIOR.DEGENERATE (the sessions do not vary)',
    ),
  },
});

export function behaviorRoutes(deps: {
  readonly store: ForTenant<BehaviorStore>;
  readonly enrolBehavior: EnrolBehavior;
}) {
  return newRouter()
    .openapi(addSessions, async (c) => {
      const { userId } = c.req.valid('param');
      const { sessions } = c.req.valid('json');
      const checked = toSessionVectors(sessions);
      if (!checked.ok) {
        const listed = checked.issues
          .slice(0, 3)
          .map((i) => `${i.path} (${i.message})`)
          .join('; ');
        throw new ApiError(
          'REQUEST.INVALID_BODY',
          `${checked.total} invalid feature(s): ${listed}${checked.total > 3 ? '; …' : ''}`,
          { issues: checked.issues },
        );
      }
      const stored = await deps.store
        .forTenant(callerTenant(c))
        .addSessions(userId, checked.vectors);
      return c.json({ userId, ...stored, maxKept: BEHAVIOR_SESSIONS_KEPT }, 201);
    })
    .openapi(enroll, async (c) => {
      const { userId } = c.req.valid('param');
      const result = await deps.enrolBehavior(callerTenant(c), userId);
      if (!result.ok) {
        if (result.reason === 'NOT_ENOUGH_SESSIONS') {
          throw new ApiError(
            'BEHAVIOR.NOT_ENOUGH_SESSIONS',
            `${result.sessions} session(s) stored for user ${userId}; at least ${result.minSessions} are needed`,
            { extensions: { sessions: result.sessions, minSessions: result.minSessions } },
          );
        }
        throw new ApiError(
          'BEHAVIOR.DEGENERATE',
          `The ${result.sessions} stored sessions are identical; store sessions that vary`,
          { extensions: { sessions: result.sessions } },
        );
      }
      const { baseline } = result;
      return c.json(
        {
          userId,
          version: baseline.version,
          schemaVersion: baseline.schemaVersion,
          n: baseline.n,
          meanTrainingDistance: baseline.meanTrainingDistance,
          shrinkage: baseline.shrinkage,
          fittedAt: baseline.fittedAt.toISOString(),
        },
        201,
      );
    });
}
