import type { MiddlewareHandler } from 'hono';
import { tokenDigest, type TokenService } from '../tokens/token-service.ts';
import { CamaraError } from './camara-error.ts';
import type { SimEnv } from './sim-env.ts';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="camara"' };

/**
 * `Authorization: Bearer <token>`. Missing, unknown and expired tokens all answer the same
 * non-descriptive 401 UNAUTHENTICATED (Commonalities design guide, "401 rule").
 */
export function bearerAuth(tokens: TokenService): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const bearer = match?.[1];
    const token = bearer === undefined ? null : await tokens.resolve(bearer);
    if (bearer === undefined || token === null) {
      throw new CamaraError('UNAUTHENTICATED', undefined, { headers: CHALLENGE });
    }
    c.set('token', token);
    c.set('tokenDigest', tokenDigest(bearer));
    await next();
  };
}
