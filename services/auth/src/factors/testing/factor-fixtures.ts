import type { Logger, LogFields } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import {
  MemoryCustomerFactors,
  type CustomerFactors,
  type ForTenant,
  type TenantId,
} from '@sentinel/store';
import { Hono } from 'hono';
import type { AuthEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/problem-response.ts';
import { createFactorService } from '../factor-service.ts';

/** A logger that keeps every line, so a test can prove what never reaches the log. */
export function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, fields?: LogFields) => {
    lines.push(JSON.stringify({ message, ...fields }));
  };
  return { lines, debug: write, info: write, warn: write, error: write };
}

export const TEST_TOTP_KEY = Buffer.alloc(32, 7);

/** A factor service on memory and a fake clock, RP `localhost`. */
export function factorServiceForTest(
  origins: readonly string[] = ['http://localhost:8081'],
  factors: ForTenant<CustomerFactors> = new MemoryCustomerFactors(),
  topOrigins: readonly string[] = [],
) {
  const clock = new FakeClock(new Date('2026-03-01T10:00:00.000Z'));
  const logger = recordingLogger();
  const service = createFactorService({
    factors,
    clock,
    rp: { id: 'localhost', name: 'Sentinel test bank', origins, topOrigins },
    totpKey: TEST_TOTP_KEY,
    logger,
  });
  return { clock, factors, logger, service };
}

/**
 * Mounts the user routes at `/v1/users` the way the auth service does (its one error handler),
 * the tenant already resolved.
 */
export function withTenant(routes: Hono<AuthEnv>, tenant: TenantId): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.onError((err, c) => problemResponse(err, c, recordingLogger()));
  app.use('*', async (c, next) => {
    c.set('tenant', tenant);
    await next();
  });
  app.route('/v1/users', routes);
  return app;
}

/** POSTs JSON (or nothing) to an in-process app. */
export function jsonPoster(app: Hono<AuthEnv>) {
  return (path: string, body?: unknown): Promise<Response> =>
    Promise.resolve(
      app.request(path, {
        method: 'POST',
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    );
}
