import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { CamaraError } from './camara-error.ts';
import type { SimEnv } from './sim-env.ts';

/** `XCorrelator` of the CAMARA files (`9-_`: the dash after a range is a literal, without `u`). */
export const X_CORRELATOR_PATTERN = /^[a-zA-Z0-9-_:;./<>{}]{0,256}$/;

/**
 * Commonalities' x-correlator rules: a non-empty valid value is echoed; an absent (or empty) one is
 * replaced by a UUID; a value outside the pattern is 400 INVALID_ARGUMENT, and that answer carries
 * a fresh UUID since the client's value cannot be echoed. The header is on every response.
 */
export function xCorrelator(): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const sent = c.req.header('x-correlator');
    const valid = sent !== undefined && sent !== '' && X_CORRELATOR_PATTERN.test(sent);
    const correlator = valid ? sent : randomUUID();
    c.set('correlator', correlator);
    c.header('x-correlator', correlator);
    if (sent !== undefined && sent !== '' && !valid) {
      throw new CamaraError(
        'INVALID_ARGUMENT',
        'The x-correlator header does not match its pattern',
      );
    }
    await next();
    c.res.headers.set('x-correlator', correlator);
  };
}
