import { createRoute, z } from '@hono/zod-openapi';
import { REPORTED_OUTCOMES } from '@sentinel/contracts';
import type { ReportOutcome } from '../../app/report-outcome.ts';
import { callerTenant } from '../auth.ts';
import { ApiError } from '../problem.ts';
import { newRouter } from '../router.ts';
import { COMMON_ERRORS, NOT_FOUND, SECURITY } from './common.ts';
import { ReportedOutcomeViewSchema, reportedOutcomeView } from './reported-outcomes-view.ts';

const Rfc3339 = z.iso.datetime({ offset: true, message: 'must be an RFC 3339 date-time' });
const Name = z.string().min(1).max(128);

const ReportOutcomeInputSchema = z
  .strictObject({
    outcome: z.enum(REPORTED_OUTCOMES).openapi({
      description:
        'STEP_UP_PASSED / STEP_UP_FAILED: a step-up the bank ran itself; CONFIRMED_FRAUD, ' +
        'CONFIRMED_LEGITIMATE, CHARGEBACK: what the bank learned later.',
    }),
    reportedBy: Name.openapi({
      description: 'The analyst or system reporting it (not the customer)',
    }),
    reference: Name.optional().openapi({ description: 'Case, chargeback or ticket number' }),
    occurredAt: Rfc3339.optional().openapi({
      description: 'When it happened (default: now); at most 5 minutes ahead of Sentinel’s clock',
    }),
  })
  .openapi('ReportOutcomeRequest');

const ReportOutcomeResponseSchema = ReportedOutcomeViewSchema.extend({
  decisionId: z.string(),
  replayed: z.boolean().openapi({
    description: 'True when this outcome was already reported: the first report, unchanged',
  }),
}).openapi('ReportOutcomeResponse');

const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: ReportOutcomeResponseSchema } },
});

const route = createRoute({
  method: 'post',
  path: '/v1/decisions/{decisionId}/outcome',
  summary: 'Report what became of a decision of your tenant',
  description:
    'Idempotent per decision and outcome: the first report of an outcome is kept (201) and ' +
    'published on risk-outcomes (source BANK); reporting it again returns that report (200, ' +
    '`replayed: true`) and publishes nothing. Another outcome for the same decision is a new ' +
    'report (fraud can be confirmed after a passed step-up).',
  security: SECURITY,
  request: {
    params: z.object({
      decisionId: z
        .string()
        .regex(/^[0-9a-f-]{36}$/, 'must be a UUID')
        .openapi({ param: { name: 'decisionId', in: 'path' } }),
    }),
    body: {
      required: true,
      content: { 'application/json': { schema: ReportOutcomeInputSchema } },
    },
  },
  responses: {
    201: json('The new report'),
    200: json('This outcome was already reported: the first report'),
    ...COMMON_ERRORS,
    ...NOT_FOUND,
  },
});

export function outcomeRoutes(deps: { readonly reportOutcome: ReportOutcome }) {
  return newRouter().openapi(route, async (c) => {
    const { decisionId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await deps.reportOutcome(callerTenant(c), decisionId, {
      outcome: body.outcome,
      reportedBy: body.reportedBy,
      ...(body.reference === undefined ? {} : { reference: body.reference }),
      ...(body.occurredAt === undefined ? {} : { occurredAt: new Date(body.occurredAt) }),
    });
    if (!result.ok) {
      if (result.issue === 'DECISION_NOT_FOUND') {
        // Another tenant's decision is missing, exactly like an unknown id.
        throw new ApiError('RESOURCE.NOT_FOUND', `No decision ${decisionId}`);
      }
      const issue = { path: 'occurredAt', message: 'must not be in the future' };
      throw new ApiError('REQUEST.INVALID_BODY', '1 invalid field(s): occurredAt', {
        issues: [issue],
      });
    }
    const view = {
      decisionId,
      ...reportedOutcomeView(result.report),
      replayed: result.replayed,
    };
    return result.replayed ? c.json(view, 200) : c.json(view, 201);
  });
}
