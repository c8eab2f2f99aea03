import { createRoute } from '@hono/zod-openapi';
import type { AssessPayment } from '../../app/assess-payment.ts';
import { withClientSecret } from '../../app/with-client-secret.ts';
import type { Clock, Logger } from '@sentinel/kernel';
import { callerTenant } from '../auth.ts';
import { ApiError } from '../problem.ts';
import { assessBodyValidator } from '../assess-body-validator.ts';
import { newRouter } from '../router.ts';
import { AssessPaymentRequestSchema, DecisionSchema } from '../schemas.ts';
import { COMMON_ERRORS, CONFLICT, SECURITY } from './common.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/assess-payment',
  summary: 'Assess a payment before it is released',
  description:
    'Returns APPROVE, STEP_UP or DENY with reasons. Idempotent on `transactionId` (per API client): ' +
    'the same body returns the same decision; a different body is a 409.',
  security: SECURITY,
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: AssessPaymentRequestSchema } },
    },
  },
  responses: {
    200: {
      description:
        'The decision (also for a replayed transactionId: header `Sentinel-Replayed: true`)',
      content: { 'application/json': { schema: DecisionSchema } },
    },
    ...COMMON_ERRORS,
    ...CONFLICT,
  },
});

export function assessRoutes(deps: {
  readonly assessPayment: AssessPayment;
  readonly logger: Logger;
  readonly clock: Pick<Clock, 'monotonicMs'>;
  readonly stepUpSecret: Buffer;
}) {
  const router = newRouter();
  // The document describes the body with the zod schema; the route checks it with the compiled
  // validator (assess-body-validator.ts) instead of zod-openapi's asynchronous parse.
  router.openAPIRegistry.registerPath(route);
  router.post(route.path, assessBodyValidator, async (c) => {
    const body = c.req.valid('json');
    const started = c.get('startedAt');
    const tenant = callerTenant(c);
    const outcome = await deps.assessPayment(body, { clientId: tenant }, started);
    if (outcome.kind === 'conflict') {
      throw new ApiError(
        'IDEMPOTENCY.CONFLICT',
        `transactionId ${body.transactionId} was already assessed with a different body (decision ${outcome.decisionId})`,
      );
    }
    const { decision, timings, replayed } = outcome;
    const total = deps.clock.monotonicMs() - started;
    c.header(
      'Server-Timing',
      [
        `read;dur=${timings.read.toFixed(2)}`,
        ...(timings.telco > 0 ? [`telco;dur=${timings.telco.toFixed(2)}`] : []),
        `engine;dur=${timings.engine.toFixed(2)}`,
        `commit;dur=${timings.commit.toFixed(2)}`,
        `total;dur=${total.toFixed(2)}`,
      ].join(', '),
    );
    if (replayed) {
      c.header('Sentinel-Replayed', 'true');
    } else {
      deps.logger.info('decision', {
        decisionId: decision.decisionId,
        action: decision.action,
        riskScore: decision.riskScore,
        reasons: decision.reasons.map((r) => r.code),
        policyVersion: decision.policy.version,
        latencyMs: decision.latencyMs,
      });
    }
    return c.json(withClientSecret(decision, tenant, deps.stepUpSecret), 200);
  });
  return router;
}
