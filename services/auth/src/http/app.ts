import { createHash, timingSafeEqual } from 'node:crypto';
import { cors } from 'hono/cors';
import { docsRoutes, parseTraceHeaders, withTrace, type Logger } from '@sentinel/kernel';
import type { ChallengeService } from '../app/challenge-service.ts';
import type { FactorService } from '../factors-port.ts';
import { demoEnrolmentRoutes, pageRoutes } from '../page/index.ts';
import { apiKeyAuth, challengeAuth, type TenantKey } from './auth.ts';
import { AuthError } from './problem.ts';
import { problemResponse } from './problem-response.ts';
import { newRouter } from './router.ts';
import { challengeRoutes } from './routes/challenges.ts';

export interface AppDeps {
  readonly keys: readonly TenantKey[];
  readonly stepUpSecret: Buffer;
  readonly challenges: ChallengeService;
  readonly factors: FactorService;
  readonly logger: Logger;
  /** Resolves when every dependency answers; rejects with the reason otherwise. */
  readonly ready: () => Promise<void>;
  readonly version: string;
  /** Web origins of the customer's app (AUTH_ORIGINS): they may call the challenge routes. */
  readonly origins: readonly string[];
  /** Local only: the tenant of the passkey enrolment page `/demo/enrol`; null: no such page. */
  readonly demoEnrolmentTenant: string | null;
  /** Origins that may frame the step-up page (the console). */
  readonly frameAncestors?: readonly string[];
  /** The bearer token of `POST /internal/sweep`; null: no such route (AUTH_SWEEP_TOKEN). */
  readonly sweepToken: string | null;
}

/** Compares two secrets in constant time, whatever their lengths (SHA-256 of each). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The auth service as a Hono app: no port bound, so tests can also call `app.request()`. */
export function createApp(deps: AppDeps) {
  const app = newRouter();
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
      throw new AuthError('AUTH.UNAVAILABLE', 'A dependency does not answer (Firestore)');
    }
  });
  app.route('/', docsRoutes('Sentinel auth'));
  // Cloud Scheduler in production, with its own bearer token: the service is public (the
  // customer's app calls it), so no ingress setting can keep one path internal. Each instance
  // also sweeps on an interval. Idempotent: it only expires what is due and republishes outcomes.
  const sweepToken = deps.sweepToken;
  if (sweepToken !== null) {
    app.post('/internal/sweep', async (c) => {
      const header = c.req.header('authorization');
      if (header === undefined) {
        throw new AuthError('AUTH.MISSING_CREDENTIALS', 'Send Authorization: Bearer <sweep token>');
      }
      if (!sameSecret(header.replace(/^Bearer\s+/i, ''), sweepToken)) {
        throw new AuthError('AUTH.INVALID_CREDENTIALS', 'Not the sweep token');
      }
      return c.json(await deps.challenges.sweep(), 200);
    });
  }

  // A bank's web app calls the challenge routes with the client secret from its own origin; the
  // user routes are the bank's backend's, not a browser's.
  app.use(
    '/v1/challenges/*',
    cors({
      origin: [...deps.origins],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
  );
  const byChallenge = challengeAuth(deps.keys, deps.stepUpSecret);
  app.use('/v1/challenges/:id', byChallenge);
  app.use('/v1/challenges/:id/*', byChallenge);
  app.use('/v1/users/*', apiKeyAuth(deps.keys));
  app.route('/', challengeRoutes(deps.challenges));
  // The auth-factors module's enrolment routes (passkeys, TOTP), behind the API key only.
  app.route('/v1/users', deps.factors.userRoutes());
  // The step-up page (GET /challenge/{id}#<client secret>) and its assets: same origin as the
  // challenge routes it calls, so its strict CSP (connect-src 'self') and CORS need nothing more.
  app.route('/', pageRoutes({ frameAncestors: deps.frameAncestors ?? [] }));
  if (deps.demoEnrolmentTenant !== null) {
    deps.logger.warn('the local passkey enrolment page is on: no API key needed for its tenant', {
      tenant: deps.demoEnrolmentTenant,
      path: '/demo/enrol',
    });
    app.route(
      '/',
      demoEnrolmentRoutes({
        tenant: deps.demoEnrolmentTenant,
        userRoutes: deps.factors.userRoutes(),
      }),
    );
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'The tenant’s API key (SENTINEL_API_KEYS), or on challenge routes the client secret from ' +
      'the fragment of the decision’s challengeUrl (`cs1.…`).',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Sentinel auth',
      version: deps.version,
      description: 'Step-up challenges of STEP_UP decisions, and the customers’ factors.',
    },
  });
  app.notFound((c) =>
    problemResponse(new AuthError('RESOURCE.NOT_FOUND', 'No such endpoint'), c, deps.logger),
  );
  app.onError((err, c) => problemResponse(err, c, deps.logger));
  return app;
}

export type AuthApp = ReturnType<typeof createApp>;
