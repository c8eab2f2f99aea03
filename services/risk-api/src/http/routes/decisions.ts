import { createRoute, z } from '@hono/zod-openapi';
import { CHALLENGE_STATUSES, type DecisionRecord } from '@sentinel/contracts';
import { isOutOfBand, OFFERED_METHODS } from '@sentinel/engine';
import type { Clock } from '@sentinel/kernel';
import type { DecisionLog, ForTenant, ReportedOutcomes } from '@sentinel/store';
import { withClientSecret } from '../../app/with-client-secret.ts';
import { callerTenant } from '../auth.ts';
import { ApiError } from '../problem.ts';
import { newRouter } from '../router.ts';
import { BehaviorInspectorSchema } from '../behavior-schemas.ts';
import { DecisionSchema } from '../schemas.ts';

const StepUpSchema = DecisionSchema.shape.stepUp.unwrap();
import { COMMON_ERRORS, NOT_FOUND, SECURITY } from './common.ts';
import { escrowView, EscrowViewSchema, outOfBandState } from './escrow-view.ts';
import { ReportedOutcomesFieldSchema, reportedOutcomesView } from './reported-outcomes-view.ts';

const StepUpViewSchema = z
  .object({
    ...StepUpSchema.shape,
    status: z.enum(CHALLENGE_STATUSES).openapi({
      description:
        'The challenge: PENDING until passed, failed (5 wrong codes) or expired; EXPIRED also ' +
        'when still pending past expiresAt before the sweep ran. OUT_OF_BAND follows its hold: ' +
        'PASSED when released, FAILED when reversed, EXPIRED when it expired.',
    }),
    method: z
      .enum(OFFERED_METHODS)
      .nullable()
      .openapi({ description: 'The method that passed it' }),
    completedAt: z.string().nullable().openapi({ description: 'RFC 3339; null while pending' }),
  })
  .openapi('StepUpView');

const DecisionViewSchema = DecisionSchema.extend({
  stepUp: StepUpViewSchema.optional(),
  escrow: EscrowViewSchema.optional(),
  occurredAt: z.string(),
  decidedAt: z.string(),
  inspector: z
    .object({ behavior: BehaviorInspectorSchema })
    .optional()
    .openapi({
      description:
        'The feature inspector: what the behaviour model saw, per feature, when a snapshot ' +
        'was scored (absent otherwise).',
    }),
  outcomes: ReportedOutcomesFieldSchema,
}).openapi('DecisionView');

const route = createRoute({
  method: 'get',
  path: '/v1/decisions/{decisionId}',
  summary: 'Read a decision of your tenant',
  security: SECURITY,
  request: {
    params: z.object({
      decisionId: z
        .string()
        .regex(/^[0-9a-f-]{36}$/, 'must be a UUID')
        .openapi({ param: { name: 'decisionId', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'The decision',
      content: { 'application/json': { schema: DecisionViewSchema } },
    },
    ...COMMON_ERRORS,
    ...NOT_FOUND,
  },
});

export function decisionRoutes(deps: {
  readonly log: DecisionLog;
  readonly outcomes: ForTenant<ReportedOutcomes>;
  readonly clock: Pick<Clock, 'now'>;
  readonly stepUpSecret: Buffer;
}) {
  return newRouter().openapi(route, async (c) => {
    const { decisionId } = c.req.valid('param');
    // Another tenant's decision is missing, exactly like an unknown id (ids are not an oracle);
    // a tenant's admin sees the tenant's decisions, nobody sees another tenant's.
    const tenant = callerTenant(c);
    const record = await deps.log.get(tenant, decisionId);
    if (record === null) {
      throw new ApiError('RESOURCE.NOT_FOUND', `No decision ${decisionId}`);
    }
    // Kept with the engine's inputs (app/assess-payment.ts); a record without a scored
    // snapshot (or from before issue 4) has no inspector.
    const behavior = record.context.behaviorSignal;
    const {
      stepUp,
      escrow: _held,
      ...decision
    } = withClientSecret(record.decision, tenant, deps.stepUpSecret);
    const escrow =
      record.decision.escrow === undefined
        ? null
        : escrowView(
            record,
            await deps.log.escrows.forTenant(tenant).get(record.decision.escrow.escrowId),
          );
    return c.json(
      {
        ...decision,
        ...(stepUp === undefined
          ? {}
          : {
              stepUp: {
                ...stepUp,
                ...(isOutOfBand(stepUp.methods)
                  ? outOfBandState(escrow)
                  : stepUpState(record, deps.clock.now())),
              },
            }),
        ...(escrow === null ? {} : { escrow }),
        occurredAt: record.occurredAt.toISOString(),
        decidedAt: record.decidedAt.toISOString(),
        ...(behavior === undefined ? {} : { inspector: { behavior } }),
        outcomes: reportedOutcomesView(await deps.outcomes.forTenant(tenant).list(decisionId)),
      },
      200,
    );
  });
}

/** Where the decision's challenge stands, as its recorded outcome (or the clock) says. */
function stepUpState(record: DecisionRecord, now: Date) {
  const outcome = record.stepUpOutcome;
  if (outcome !== undefined) {
    return {
      status: outcome.status,
      method: outcome.method,
      completedAt: outcome.at.toISOString(),
    };
  }
  const expiresAt = Date.parse(record.decision.stepUp?.expiresAt ?? '');
  // The sweep expires it soon; the answer does not wait for it.
  const status = now.getTime() >= expiresAt ? ('EXPIRED' as const) : ('PENDING' as const);
  return { status, method: null, completedAt: null };
}
