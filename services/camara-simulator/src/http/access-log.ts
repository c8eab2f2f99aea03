import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Clock, Logger } from '@sentinel/kernel';
import type { SimEnv } from './sim-env.ts';

/**
 * One structured line per request (debug when it succeeded, info when it was refused, so a poller
 * does not flood the log). It names the route pattern (`/demo/numbers/:phoneNumber`), never the
 * concrete path, so phone numbers stay out of the log. Durations are on the injected clock.
 */
export function accessLog(
  logger: Logger,
  clock: Pick<Clock, 'monotonicMs'>,
): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const started = clock.monotonicMs();
    await next();
    const fields = {
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      durationMs: Math.round((clock.monotonicMs() - started) * 10) / 10,
      correlator: c.get('correlator'),
    };
    if (c.res.status >= 400) {
      logger.info('request refused', fields);
    } else {
      logger.debug('request', fields);
    }
  };
}
