import { Hono, type Context } from 'hono';
import { every } from 'hono/combine';
import { HTTPException } from 'hono/http-exception';
import type { Clock } from '@sentinel/kernel';
import type { MonitoringPolicy } from '../domain/sim-swap-answer.ts';
import type { Logger } from '@sentinel/kernel';
import type { SimulatorStore } from '../store/simulator-store.ts';
import type { SubscriptionService } from '../subscriptions/subscription-service.ts';
import type { TokenService } from '../tokens/token-service.ts';
import { accessLog } from './access-log.ts';
import { bearerAuth } from './bearer-auth.ts';
import { CamaraError } from './camara-error.ts';
import { demoAuth } from './demo-auth.ts';
import { demoRoutes } from './demo-routes.ts';
import { createOutage } from './outage.ts';
import { rateLimit, type RateLimit } from './rate-limit.ts';
import type { SimEnv } from './sim-env.ts';
import { simSwapRoutes } from './sim-swap-routes.ts';
import { subscriptionRoutes } from './subscription-routes.ts';
import { xCorrelator } from './x-correlator.ts';

export const SIM_SWAP_BASE = '/sim-swap/v2';
export const SUBSCRIPTIONS_BASE = '/sim-swap-subscriptions/v0.3';

export interface SimulatorAppDeps {
  readonly store: SimulatorStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tokens: TokenService;
  readonly subscriptions: SubscriptionService;
  readonly policy: MonitoringPolicy;
  readonly localMode: boolean;
  /** null: no rate limit. */
  readonly rateLimit: RateLimit | null;
  readonly demoKey?: string;
  /** Resolves when the store answers. */
  readonly ready: () => Promise<void>;
}

/**
 * The simulator as a Hono app (no port bound: tests use `app.request()`). Every response carries
 * an x-correlator; every error is `ErrorInfo` `{status, code, message}`.
 */
export function createSimulatorApp(deps: SimulatorAppDeps): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  app.use('*', xCorrelator(), accessLog(deps.logger, deps.clock));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await deps.ready();
      return c.json({ status: 'ready' });
    } catch (error) {
      deps.logger.warn('not ready', { error });
      throw new CamaraError('UNAVAILABLE', 'The store does not answer', { cause: error });
    }
  });

  const limiter = deps.rateLimit === null ? [] : [rateLimit(deps.rateLimit, deps.clock)];
  const auth = every(bearerAuth(deps.tokens), ...limiter);
  const common = { store: deps.store, clock: deps.clock };
  const outage = createOutage();
  app.route(
    `${SIM_SWAP_BASE}/demo`,
    demoRoutes({ ...common, ...deps, outage, auth: demoAuth(deps.demoKey) }),
  );
  app.use(`${SIM_SWAP_BASE}/check`, outage.middleware);
  app.use(`${SIM_SWAP_BASE}/retrieve-date`, outage.middleware);
  app.route(SIM_SWAP_BASE, simSwapRoutes({ ...common, policy: deps.policy, auth }));
  app.route(SUBSCRIPTIONS_BASE, subscriptionRoutes({ ...deps, auth, localMode: deps.localMode }));

  app.notFound((c) => errorResponse(c, new CamaraError('NOT_FOUND')));
  app.onError((err, c) => errorResponse(c, toCamaraError(err, deps.logger, c.req.path)));
  return app;
}

function toCamaraError(err: Error, logger: Logger, path: string): CamaraError {
  if (err instanceof CamaraError) {
    return err;
  }
  if (err instanceof HTTPException && err.status === 400) {
    return new CamaraError('INVALID_ARGUMENT', 'The request body is not valid JSON', {
      cause: err,
    });
  }
  logger.error('unhandled error', { error: err, path });
  return new CamaraError('INTERNAL', undefined, { cause: err });
}

function errorResponse(c: Context<SimEnv>, error: CamaraError): Response {
  return c.json(error.toBody(), error.status, {
    ...error.headers,
    'x-correlator': c.get('correlator'),
  });
}
