import { createRoute, z } from '@hono/zod-openapi';
import {
  ESCROW_CAUSES,
  ESCROW_STATUSES,
  VERIFICATION_METHODS,
  type Escrow,
} from '@sentinel/contracts';
import { DELIVERY_STATUSES, type EscrowEventRecord } from '@sentinel/store';

// The escrow API's routes as OpenAPI definitions, and the views of an escrow and its deliveries.

export const EscrowIdParam = z.object({
  escrowId: z
    .string()
    .regex(/^[0-9a-f-]{36}$/, 'must be a UUID')
    .openapi({ param: { name: 'escrowId', in: 'path' } }),
});

export const EscrowViewSchema = z
  .object({
    escrowId: z.string(),
    decisionId: z.string(),
    transactionId: z.string(),
    status: z.enum(ESCROW_STATUSES),
    reason: z.string().openapi({ example: 'TELCO_SIGNAL_UNAVAILABLE' }),
    amount: z.object({ minor: z.number().int(), currency: z.string() }),
    channel: z.string(),
    heldAt: z.string(),
    releaseBy: z.string(),
    rules: z.object({
      release: z.enum(['VERIFICATION', 'VERIFICATION_AND_CLEAN_SIGNAL']),
      onStepUpFailed: z.enum(['REVERSE', 'KEEP']),
    }),
    verifications: z.array(
      z.object({
        method: z.enum(VERIFICATION_METHODS),
        result: z.enum(['PASSED', 'FAILED']),
        operator: z.string(),
        reference: z.string(),
        recordedAt: z.string(),
      }),
    ),
    settlement: z
      .object({
        status: z.enum(['RELEASED', 'REVERSED', 'EXPIRED']),
        cause: z.enum(ESCROW_CAUSES),
        at: z.string(),
        by: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('Escrow');

/** The escrow as its tenant sees it: no phone number, no user id (the bank has both). */
export function view(e: Escrow): z.infer<typeof EscrowViewSchema> {
  return {
    escrowId: e.escrowId,
    decisionId: e.decisionId,
    transactionId: e.transactionId,
    status: e.status,
    reason: e.reason,
    amount: e.amount,
    channel: e.channel,
    heldAt: e.heldAt.toISOString(),
    releaseBy: e.releaseBy.toISOString(),
    rules: { release: e.rules.release, onStepUpFailed: e.rules.onStepUpFailed },
    verifications: e.verifications.map((v) => ({ ...v, recordedAt: v.recordedAt.toISOString() })),
    settlement:
      e.settlement === null ? null : { ...e.settlement, at: e.settlement.at.toISOString() },
  };
}

export const DeliverySchema = z
  .object({
    eventId: z.string().openapi({ description: 'The webhook-id: the same on every retry' }),
    type: z.string(),
    sequence: z.number().int(),
    occurredAt: z.string(),
    publishedAt: z.string().nullable().openapi({ description: 'On topic escrow-events' }),
    webhook: z.object({
      status: z.enum(DELIVERY_STATUSES),
      nextAttemptAt: z.string().nullable(),
      attempts: z.array(
        z.object({
          at: z.string(),
          status: z.number().int().nullable(),
          durationMs: z.number(),
          error: z.string().nullable(),
        }),
      ),
    }),
  })
  .openapi('EscrowDelivery');

export function deliveryView(r: EscrowEventRecord): z.infer<typeof DeliverySchema> {
  return {
    eventId: r.event.eventId,
    type: r.event.type,
    sequence: r.event.sequence,
    occurredAt: r.event.occurredAt.toISOString(),
    publishedAt: r.publishedAt?.toISOString() ?? null,
    webhook: {
      status: r.webhook.status,
      nextAttemptAt: r.webhook.nextAttemptAt?.toISOString() ?? null,
      attempts: r.webhook.attempts.map((a) => ({ ...a, at: a.at.toISOString() })),
    },
  };
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
  })
  .openapi('Problem');
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
const SECURITY = [{ bearer: [] }];
const ERRORS = {
  400: problem('Invalid parameter or body'),
  401: problem('No or bad API key'),
  404: problem('No such escrow in your tenant'),
};
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const getRoute = createRoute({
  method: 'get',
  path: '/v1/escrows/{escrowId}',
  summary: 'Read an escrow of your tenant',
  security: SECURITY,
  request: { params: EscrowIdParam },
  responses: { 200: json(EscrowViewSchema, 'The escrow'), ...ERRORS },
});

export const listRoute = createRoute({
  method: 'get',
  path: '/v1/escrows',
  summary: 'List your escrows, newest first',
  security: SECURITY,
  request: {
    query: z.object({
      status: z.enum(ESCROW_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      after: z
        .string()
        .regex(/^[0-9a-f-]{36}$/)
        .optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ escrows: z.array(EscrowViewSchema), next: z.string().nullable() }),
      'A page',
    ),
    ...ERRORS,
  },
});

export const VerificationBody = z
  .object({
    method: z.enum(VERIFICATION_METHODS),
    result: z.enum(['PASSED', 'FAILED']),
    operator: z.string().min(1).max(128).openapi({ example: 'cc-agent-117' }),
    reference: z.string().min(1).max(128).openapi({ example: 'CALL-2026-12-06-0042' }),
  })
  .strict()
  .openapi('Verification');

export const verificationRoute = createRoute({
  method: 'post',
  path: '/v1/escrows/{escrowId}/verifications',
  summary: 'Record an out-of-band verification (call centre, branch)',
  description:
    'A passed verification releases the hold (or, under VERIFICATION_AND_CLEAN_SIGNAL, waits ' +
    'for a fresh, clean telco signal); a failed one reverses it.',
  security: SECURITY,
  request: {
    params: EscrowIdParam,
    body: { content: { 'application/json': { schema: VerificationBody } }, required: true },
  },
  responses: {
    200: json(EscrowViewSchema, 'The escrow after the verification'),
    ...ERRORS,
    409: problem('The escrow has already ended'),
  },
});

export const AdminBody = z
  .object({ by: z.string().min(1).max(128).openapi({ example: 'fraud-ops-lead' }) })
  .strict();
export const adminRoute = (action: 'release' | 'reverse') =>
  createRoute({
    method: 'post',
    path: `/v1/escrows/{escrowId}/${action}`,
    summary: action === 'release' ? 'Release a hold by hand (admin)' : 'Reverse a hold (admin)',
    security: SECURITY,
    request: {
      params: EscrowIdParam,
      body: { content: { 'application/json': { schema: AdminBody } }, required: true },
    },
    responses: {
      200: json(EscrowViewSchema, 'The ended escrow'),
      ...ERRORS,
      403: problem('Not an admin key'),
      409: problem('The escrow has already ended'),
    },
  });

export const deliveriesRoute = createRoute({
  method: 'get',
  path: '/v1/escrows/{escrowId}/deliveries',
  summary: 'The escrow’s events and their webhook delivery log',
  security: SECURITY,
  request: { params: EscrowIdParam },
  responses: {
    200: json(z.object({ deliveries: z.array(DeliverySchema) }), 'In sequence order'),
    ...ERRORS,
  },
});
