import { workerId } from '../workers.ts';
import { consoleRoutes, type ConsoleRouteOptions } from './console-routes.ts';
import { HTTPException } from 'hono/http-exception';
import type { Context, Hono } from 'hono';
import type { AssessPayment } from '../app/assess-payment.ts';
import type { EnrolBehavior } from '../app/enrol-behavior.ts';
import type { PolicyCache } from '../app/policy-cache.ts';
import type { ApiClient, RateLimits } from '../config.ts';
import type { Clock } from '@sentinel/kernel';
import { docsRoutes, parseTraceHeaders, withTrace, type Logger } from '@sentinel/kernel';
import type { DecisionLog } from '@sentinel/store';
import type { PolicyStores } from '@sentinel/store';
import type { RiskStateStore } from '@sentinel/store';
import type { NumberEnrollment } from '../ports/telco.ts';
import type { ReportOutcome } from '../app/report-outcome.ts';
import type { ForTenant, ReportedOutcomes } from '@sentinel/store';
import type { Background } from '../app/background.ts';
import { apiKeyAuth } from './auth.ts';
import { jsonBodyGuards } from './body-guards.ts';
import { ApiError, problemBody } from './problem.ts';
import { rateLimit } from './rate-limit.ts';
import { newRouter, type AppEnv } from './router.ts';
import { assessRoutes } from './routes/assess.ts';
import { backtestRoutes } from './routes/backtest.ts';
import { BEHAVIOR_SESSIONS_BODY_LIMIT, behaviorRoutes } from './routes/behavior.ts';
import { decisionRoutes } from './routes/decisions.ts';
import { outcomeRoutes } from './routes/outcomes.ts';
import { policyRoutes } from './routes/policy.ts';
import { userRoutes } from './routes/users.ts';

export interface AppDeps {
  readonly clients: readonly ApiClient[];
  readonly assessPayment: AssessPayment;
  readonly enrolBehavior: EnrolBehavior;
  readonly state: RiskStateStore;
  readonly log: DecisionLog;
  /** Reported outcomes: recorded by `reportOutcome`, shown with their decision. */
  readonly outcomes: ForTenant<ReportedOutcomes>;
  readonly reportOutcome: ReportOutcome;
  readonly policyStores: PolicyStores;
  readonly policies: PolicyCache;
  readonly clock: Clock;
  /** Per-tenant budgets of this instance, read on `clock`'s monotonic time. */
  readonly rateLimits: RateLimits;
  readonly logger: Logger;
  readonly background: Background;
  readonly enrollment?: NumberEnrollment;
  /** Resolves when every dependency answers; rejects with the reason otherwise. */
  readonly ready: () => Promise<void>;
  readonly version: string;
  /** HMAC key of the step-up client secrets in `challengeUrl` (shared with the auth service). */
  readonly stepUpSecret: Buffer;
  /** The console's pages (issue 15); absent: no `/console`. */
  readonly console?: ConsoleRouteOptions;
  /** The analyst view's API (`/v1/console/*`, services/risk-api/src/console); absent: none. */
  readonly consoleApi?: Hono<AppEnv>;
  /** Local-only routes (demo endpoints), behind the same API-key auth. */
  readonly extraRoutes?: Hono<AppEnv>;
}

/** The risk-api as a Hono app: no port bound, so tests call `app.request()` in process. */
export function createApp(deps: AppDeps) {
  const app = newRouter();

  app.use('*', async (c, next) => {
    c.set('startedAt', deps.clock.monotonicMs());
    const trace = parseTraceHeaders(
      c.req.header('traceparent'),
      c.req.header('x-cloud-trace-context'),
    );
    await withTrace(trace, next);
  });

  app.get('/healthz', (c) => {
    const worker = workerId();
    return c.json({ status: 'ok', version: deps.version, ...(worker === null ? {} : { worker }) });
  });
  app.get('/readyz', async (c) => {
    try {
      await deps.ready();
      return c.json({ status: 'ready' });
    } catch (error) {
      deps.logger.warn('not ready', { error });
      throw new ApiError('RISK.UNAVAILABLE', 'A dependency does not answer (Firestore)', {
        cause: error,
      });
    }
  });
  app.route('/', docsRoutes('Sentinel risk-api'));
  if (deps.console !== undefined) {
    app.route('/', consoleRoutes(deps.console));
  }

  app.use(
    '/v1/*',
    apiKeyAuth(deps.clients),
    rateLimit(deps.rateLimits, deps.clock),
    jsonBodyGuards([BEHAVIOR_SESSIONS_BODY_LIMIT]),
  );
  if (deps.extraRoutes !== undefined) {
    app.use('/demo/*', apiKeyAuth(deps.clients), jsonBodyGuards());
    app.route('/', deps.extraRoutes);
  }
  app.route('/', assessRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', behaviorRoutes({ store: deps.state, enrolBehavior: deps.enrolBehavior }));
  app.route('/', decisionRoutes(deps));
  app.route('/', outcomeRoutes(deps));
  app.route('/', backtestRoutes({ log: deps.log, outcomes: deps.outcomes, baselines: deps.state }));
  app.route(
    '/',
    policyRoutes({ stores: deps.policyStores, cache: deps.policies, clock: deps.clock }),
  );
  if (deps.consoleApi !== undefined) {
    app.route('/', deps.consoleApi);
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A tenant`s API key from SENTINEL_API_KEYS (admin endpoints: the tenant`s key from ' +
      'SENTINEL_ADMIN_KEYS; the platform default policy: SENTINEL_PLATFORM_KEYS)',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Sentinel risk-api',
      version: deps.version,
      description: 'SIM-swap-aware payment risk decisions for real-time payments.',
    },
  });

  app.notFound((c) =>
    problemResponse(new ApiError('RESOURCE.NOT_FOUND', 'No such endpoint'), c, deps.logger),
  );
  app.onError((err, c) => problemResponse(err, c, deps.logger));
  return app;
}

export type App = ReturnType<typeof createApp>;

/** The one place errors become HTTP: problem+json with a stable code, never a stack trace. */
function problemResponse(err: Error, c: Context<AppEnv>, logger: Logger): Response {
  let problem: ApiError;
  if (err instanceof ApiError) {
    problem = err;
  } else if (err instanceof HTTPException && err.status === 400) {
    problem = new ApiError('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON', {
      cause: err,
    });
  } else if (err instanceof HTTPException && err.status === 415) {
    // zod-openapi's media-type gate: stricter than the edge's on parameters and suffixes.
    problem = new ApiError(
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      'This Content-Type is not supported; send application/json',
      { cause: err },
    );
  } else if (err instanceof HTTPException && err.status === 404) {
    problem = new ApiError('RESOURCE.NOT_FOUND', 'No such endpoint');
  } else {
    logger.error('unhandled error', { error: err, path: c.req.path });
    problem = new ApiError('INTERNAL', 'Something went wrong; the request can be retried', {
      cause: err,
    });
  }
  const body = problemBody(problem, c.req.path);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'Content-Type': 'application/problem+json', ...problem.headers },
  });
}
