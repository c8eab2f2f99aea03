import { z } from 'zod';
import type { Clock } from '@sentinel/kernel';
import type { DecisionLog, ForTenant, TenantRiskState } from '@sentinel/store';
import { callerTenant, requireAdmin } from '../http/auth.ts';
import { ApiError } from '../http/problem.ts';
import { newRouter, toFieldIssues } from '../http/router.ts';
import { inspectFeatures } from './feature-inspector.ts';
import type { FeedHub } from './feed-hub.ts';
import { escrowProxy } from './escrow-proxy.ts';

export interface ConsoleApiDeps {
  readonly hub: FeedHub;
  readonly log: DecisionLog;
  readonly state: ForTenant<
    Pick<TenantRiskState, 'getBaseline' | 'getProfile' | 'freezeAccount' | 'getAccountFreeze'>
  >;
  readonly clock: Pick<Clock, 'now'>;
  /** The escrow service's base URL for the same-origin proxy; null: no escrow here. */
  readonly escrowBaseUrl: string | null;
  readonly fetch?: typeof fetch;
}

const DecisionId = z.string().regex(/^[0-9a-f-]{36}$/, 'must be a UUID');
const UserId = z.string().min(1).max(128);
const FreezeBody = z.strictObject({
  decisionId: DecisionId.optional(),
  comment: z.string().max(500).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, code: 'body' | 'param'): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = toFieldIssues(result.error.issues);
    throw new ApiError(
      code === 'body' ? 'REQUEST.INVALID_BODY' : 'REQUEST.INVALID_PARAMETER',
      `${issues.length} invalid field(s): ${issues.map((i) => i.path).join(', ')}`,
      { issues },
    );
  }
  return result.data;
}

/**
 * The analyst view's API (`/v1/console/*`, issue 15), for a tenant's admin key only: the live
 * decision feed is a bulk view of every decision of the tenant, which a payment stack's client
 * key has no need for (it reads one decision by id). Platform keys belong to no tenant: refused.
 */
export function consoleApiRoutes(deps: ConsoleApiDeps) {
  const router = newRouter();
  router.use('/v1/console/*', requireAdmin);

  // Server-sent events: see packages/console/src/analyst-feed.ts for what each event carries.
  router.get('/v1/console/decisions/stream', (c) => {
    const tenant = callerTenant(c);
    const stream = deps.hub.open(tenant, c.req.header('last-event-id'), c.req.raw.signal);
    return new Response(stream, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // Proxies (nginx, Cloud Run's front end) must not buffer a live stream.
        'x-accel-buffering': 'no',
      },
    });
  });

  router.get('/v1/console/decisions/:decisionId/features', async (c) => {
    const tenant = callerTenant(c);
    const decisionId = parse(DecisionId, c.req.param('decisionId'), 'param');
    const record = await deps.log.get(tenant, decisionId);
    if (record === null) {
      throw new ApiError('RESOURCE.NOT_FOUND', `No decision ${decisionId}`);
    }
    const version = record.context.behaviorSignal?.baselineVersion;
    const baseline =
      version === undefined
        ? null
        : await deps.state.forTenant(tenant).getBaseline(record.userId, version);
    return c.json(inspectFeatures(record, baseline), 200);
  });

  // Decisions freeze accounts (bot sessions, fleets); this is an analyst's own freeze, e.g. after
  // reading a decision's detail. Unfreezing is POST /v1/users/{userId}/unfreeze.
  router.post('/v1/console/users/:userId/freeze', async (c) => {
    const tenant = callerTenant(c);
    const userId = parse(UserId, c.req.param('userId'), 'param');
    const body = parse(FreezeBody, await c.req.json(), 'body');
    const state = deps.state.forTenant(tenant);
    if ((await state.getProfile(userId)) === null) {
      throw new ApiError('RESOURCE.NOT_FOUND', `No profile for user ${userId}`);
    }
    if (body.decisionId !== undefined) {
      const record = await deps.log.get(tenant, body.decisionId);
      if (record?.userId !== userId) {
        throw new ApiError('RESOURCE.NOT_FOUND', `No decision ${body.decisionId} of ${userId}`);
      }
    }
    await state.freezeAccount({
      userId,
      decisionId: body.decisionId ?? `analyst:${c.get('client').clientId}`,
      reason: 'ANALYST_FREEZE',
      at: deps.clock.now(),
    });
    const freeze = await state.getAccountFreeze(userId);
    return c.json(
      {
        userId,
        frozen: freeze.frozen,
        ...(freeze.frozenAt === undefined ? {} : { frozenAt: freeze.frozenAt.toISOString() }),
        ...(freeze.reason === undefined ? {} : { reason: freeze.reason }),
        ...(freeze.decisionId === undefined ? {} : { decisionId: freeze.decisionId }),
      },
      200,
    );
  });

  router.route('/', escrowProxy(deps.escrowBaseUrl, deps.fetch ?? fetch));
  return router;
}
