import { timingSafeEqual } from 'node:crypto';
import { docsRoutes, parseTraceHeaders, withTrace, type Logger } from '@sentinel/kernel';
import type { EscrowService } from '../app/escrow-service.ts';
import type { EscrowKey } from '../config.ts';
import { apiKeyAuth, bearer, digest, Problem, problemResponse, router } from './problem.ts';
import {
  adminRoute,
  deliveriesRoute,
  deliveryView,
  getRoute,
  listRoute,
  verificationRoute,
  view,
} from './routes.ts';

// The escrow's HTTP function (issue 12): tenant-scoped reads, operators' verifications, admins'
// release and reverse, the delivery log, and Cloud Scheduler's sweep.

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
