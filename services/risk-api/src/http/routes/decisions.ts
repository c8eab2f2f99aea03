import { createRoute, z } from '@hono/zod-openapi';
import type { DecisionLog } from '@sentinel/store';
import { callerTenant } from '../auth.ts';
import { ApiError } from '../problem.ts';
import { newRouter } from '../router.ts';
import { BehaviorInspectorSchema } from '../behavior-schemas.ts';
import { DecisionSchema } from '../schemas.ts';
import { COMMON_ERRORS, NOT_FOUND, SECURITY } from './common.ts';

const DecisionViewSchema = DecisionSchema.extend({
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

export function decisionRoutes(deps: { readonly log: DecisionLog }) {
  return newRouter().openapi(route, async (c) => {
    const { decisionId } = c.req.valid('param');
    // Another tenant's decision is missing, exactly like an unknown id (ids are not an oracle);
    // a tenant's admin sees the tenant's decisions, nobody sees another tenant's.
    const record = await deps.log.get(callerTenant(c), decisionId);
    if (record === null) {
      throw new ApiError('RESOURCE.NOT_FOUND', `No decision ${decisionId}`);
    }
    // Kept with the engine's inputs (app/assess-payment.ts); a record without a scored
    // snapshot (or from before issue 4) has no inspector.
    const behavior = record.context.behaviorSignal;
    return c.json(
      {
        ...record.decision,
        occurredAt: record.occurredAt.toISOString(),
        decidedAt: record.decidedAt.toISOString(),
        ...(behavior === undefined ? {} : { inspector: { behavior } }),
      },
      200,
    );
  });
}
