import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  ESCROW_CAUSES,
  ESCROW_STATUSES,
  VERIFICATION_METHODS,
  type Escrow,
} from '@sentinel/contracts';
import { docsRoutes, parseTraceHeaders, withTrace, type Logger } from '@sentinel/kernel';
import { DELIVERY_STATUSES, type EscrowEventRecord, type TenantId } from '@sentinel/store';
import { EscrowError, type EscrowService } from '../app/escrow-service.ts';
import type { EscrowKey } from '../config.ts';

// The escrow's HTTP function (issue 12): tenant-scoped reads, operators' verifications, admins'
// release and reverse, the delivery log, and Cloud Scheduler's sweep. Errors are RFC 9457
// problem+json with stable codes, like the risk-api's and the auth service's.

const PROBLEMS = {
  'REQUEST.INVALID_BODY': { status: 400, title: 'The request body is invalid' },
  'REQUEST.MALFORMED_JSON': { status: 400, title: 'The request body is not valid JSON' },
  'REQUEST.INVALID_PARAMETER': { status: 400, title: 'A path or query parameter is invalid' },
  'AUTH.MISSING_CREDENTIALS': { status: 401, title: 'No credentials were sent' },
  'AUTH.INVALID_CREDENTIALS': { status: 401, title: 'The credentials are not valid' },
  'AUTH.FORBIDDEN': { status: 403, title: 'This key may not do this' },
  'ESCROW.NOT_FOUND': { status: 404, title: 'No such escrow' },
  'RESOURCE.NOT_FOUND': { status: 404, title: 'No such resource' },
  'ESCROW.NOT_HELD': { status: 409, title: 'The escrow has already ended' },
  'ESCROW.UNAVAILABLE': { status: 503, title: 'A dependency does not answer' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;
type ProblemCode = keyof typeof PROBLEMS;

class Problem extends Error {
  override readonly name = 'Problem';
  readonly code: ProblemCode;
  readonly extensions: Record<string, unknown>;
  constructor(code: ProblemCode, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.code = code;
    this.extensions = extensions;
  }
}

interface Env {
  Variables: { tenant: TenantId; role: EscrowKey['role'] };
}

function router(): OpenAPIHono<Env> {
  return new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({
          path: i.path.map(String).join('.') || '(body)',
          message: i.message,
        }));
        throw new Problem(
          result.target === 'json' ? 'REQUEST.INVALID_BODY' : 'REQUEST.INVALID_PARAMETER',
          `invalid field(s): ${errors.map((e) => e.path).join(', ')}`,
          { errors },
        );
      }
      return undefined;
    },
  });
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function bearer(header: string | undefined): string {
  const token = header === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (token === undefined) {
    throw new Problem('AUTH.MISSING_CREDENTIALS', 'Send Authorization: Bearer <API key>');
  }
  return token;
}

/** Keys are looked up by SHA-256 digest: the time taken does not depend on a guess's prefix. */
function apiKeyAuth(keys: readonly EscrowKey[]): MiddlewareHandler<Env> {
  const byDigest = new Map(keys.map((k) => [digest(k.key).toString('hex'), k] as const));
  return async (c, next) => {
    const key = byDigest.get(digest(bearer(c.req.header('authorization'))).toString('hex'));
    if (key === undefined) {
      throw new Problem('AUTH.INVALID_CREDENTIALS', 'The API key is not valid');
    }
    c.set('tenant', key.tenant);
    c.set('role', key.role);
    await next();
  };
}

const EscrowIdParam = z.object({
  escrowId: z
    .string()
    .regex(/^[0-9a-f-]{36}$/, 'must be a UUID')
    .openapi({ param: { name: 'escrowId', in: 'path' } }),
});

const EscrowViewSchema = z
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
function view(e: Escrow): z.infer<typeof EscrowViewSchema> {
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

const DeliverySchema = z
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

function deliveryView(r: EscrowEventRecord): z.infer<typeof DeliverySchema> {
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

const ProblemSchema = z
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

const getRoute = createRoute({
  method: 'get',
  path: '/v1/escrows/{escrowId}',
  summary: 'Read an escrow of your tenant',
  security: SECURITY,
  request: { params: EscrowIdParam },
  responses: { 200: json(EscrowViewSchema, 'The escrow'), ...ERRORS },
});

const listRoute = createRoute({
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

const VerificationBody = z
  .object({
    method: z.enum(VERIFICATION_METHODS),
    result: z.enum(['PASSED', 'FAILED']),
    operator: z.string().min(1).max(128).openapi({ example: 'cc-agent-117' }),
    reference: z.string().min(1).max(128).openapi({ example: 'CALL-2026-12-06-0042' }),
  })
  .strict()
  .openapi('Verification');

const verificationRoute = createRoute({
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

const AdminBody = z
  .object({ by: z.string().min(1).max(128).openapi({ example: 'fraud-ops-lead' }) })
  .strict();
const adminRoute = (action: 'release' | 'reverse') =>
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

const deliveriesRoute = createRoute({
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

export interface EscrowAppDeps {
  readonly service: EscrowService;
  readonly keys: readonly EscrowKey[];
  readonly sweepToken: string | null;
  readonly ready: () => Promise<void>;
  readonly logger: Logger;
  readonly version: string;
}

/** The escrow's HTTP function as a Hono app: tests call `app.request()` or serve it. */
export function createEscrowApp(deps: EscrowAppDeps) {
  const app = router();
  app.use('*', async (c, next) => {
    const trace = parseTraceHeaders(
      c.req.header('traceparent'),
      c.req.header('x-cloud-trace-context'),
    );
    await withTrace(trace, next);
  });
  app.get('/healthz', (c) => c.json({ status: 'ok', version: deps.version }));
  app.get('/readyz', async (c) => {
    try {
      await deps.ready();
      return c.json({ status: 'ready' });
    } catch (error) {
      deps.logger.warn('not ready', { error });
      throw new Problem('ESCROW.UNAVAILABLE', 'A dependency does not answer (Firestore)');
    }
  });
  app.route('/', docsRoutes('Sentinel escrow'));
  const sweepToken = deps.sweepToken;
  if (sweepToken !== null) {
    // Cloud Scheduler's minute, with its own bearer token (docs/escrow.md).
    app.post('/internal/sweep', async (c) => {
      const given = bearer(c.req.header('authorization'));
      if (!timingSafeEqual(digest(given), digest(sweepToken))) {
        throw new Problem('AUTH.INVALID_CREDENTIALS', 'Not the sweep token');
      }
      return c.json(await deps.service.sweep(), 200);
    });
  }

  const api = router();
  api.use('*', apiKeyAuth(deps.keys));
  const { service } = deps;
  api.openapi(getRoute, async (c) => {
    const { escrowId } = c.req.valid('param');
    return c.json(view(await service.get(c.get('tenant'), escrowId)), 200);
  });
  api.openapi(listRoute, async (c) => {
    const { status, limit, after } = c.req.valid('query');
    const page = await service.list(c.get('tenant'), {
      limit,
      ...(status === undefined ? {} : { status }),
      ...(after === undefined ? {} : { after }),
    });
    return c.json({ escrows: page.escrows.map(view), next: page.next }, 200);
  });
  api.openapi(verificationRoute, async (c) => {
    const { escrowId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(view(await service.recordVerification(c.get('tenant'), escrowId, body)), 200);
  });
  for (const action of ['release', 'reverse'] as const) {
    api.openapi(adminRoute(action), async (c) => {
      if (c.get('role') !== 'admin') {
        throw new Problem('AUTH.FORBIDDEN', `Only an admin key may ${action} a hold`);
      }
      const { escrowId } = c.req.valid('param');
      const { by } = c.req.valid('json');
      const escrow = await service.decide(
        c.get('tenant'),
        escrowId,
        action === 'release' ? 'RELEASE' : 'REVERSE',
        by,
      );
      return c.json(view(escrow), 200);
    });
  }
  api.openapi(deliveriesRoute, async (c) => {
    const { escrowId } = c.req.valid('param');
    const records = await service.events(c.get('tenant'), escrowId);
    return c.json({ deliveries: records.map(deliveryView) }, 200);
  });
  app.route('/', api);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Sentinel escrow', version: deps.version },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  app.notFound((c) =>
    problemResponse(new Problem('RESOURCE.NOT_FOUND', 'No such route'), c, deps.logger),
  );
  app.onError((err, c) => problemResponse(err, c, deps.logger));
  return app;
}

function problemResponse(err: Error, c: Context, logger: Logger): Response {
  let p: Problem;
  if (err instanceof Problem) {
    p = err;
  } else if (err instanceof EscrowError) {
    p = new Problem(
      err.code,
      err.message,
      err.escrow === undefined ? {} : { escrowStatus: err.escrow.status },
    );
  } else if (err instanceof HTTPException && err.status === 400) {
    p = new Problem('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON');
  } else {
    logger.error('unhandled error', { error: err, path: c.req.path });
    p = new Problem('INTERNAL', 'Something went wrong; the request can be retried');
  }
  const { status, title } = PROBLEMS[p.code];
  const body = {
    type: `urn:sentinel:problem:${p.code.toLowerCase().replace(/[._]/g, '-')}`,
    title,
    status,
    detail: p.message,
    instance: c.req.path,
    code: p.code,
    ...p.extensions,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
