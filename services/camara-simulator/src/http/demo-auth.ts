import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { CamaraError } from './camara-error.ts';
import type { SimEnv } from './sim-env.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Guards the demo endpoints with `Authorization: Bearer <demo key>` when a key is configured
 * (required outside local mode); without one they are open, so a newcomer can use plain curl.
 */
export function demoAuth(demoKey: string | undefined): MiddlewareHandler<SimEnv> {
  const expected = demoKey === undefined ? undefined : digest(demoKey);
  return async (c, next) => {
    if (expected !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
      if (match?.[1] === undefined || !timingSafeEqual(digest(match[1]), expected)) {
        throw new CamaraError('UNAUTHENTICATED', undefined, {
          headers: { 'WWW-Authenticate': 'Bearer realm="camara-simulator-demo"' },
        });
      }
    }
    await next();
  };
}
