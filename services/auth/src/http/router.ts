import { OpenAPIHono } from '@hono/zod-openapi';
import type { AuthEnv } from './env.ts';
import { AuthError } from './problem.ts';

/** A router whose failed validations become problem+json (400) naming the fields, not values. */
export function newRouter(): OpenAPIHono<AuthEnv> {
  return new OpenAPIHono<AuthEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const paths = result.error.issues.map((i) => i.path.join('.') || '(body)');
        throw new AuthError(
          result.target === 'json' ? 'REQUEST.INVALID_BODY' : 'REQUEST.INVALID_PARAMETER',
          `invalid field(s): ${paths.join(', ')}`,
        );
      }
      return undefined;
    },
  });
}
