import { OpenAPIHono } from '@hono/zod-openapi';
import type { AuthEnv } from './env.ts';
import { AuthError } from './problem.ts';

/**
 * A router whose failed validations become problem+json (400) naming the fields, not values: the
 * detail lists them, `errors` has each field's path and zod's message.
 */
export function newRouter(): OpenAPIHono<AuthEnv> {
  return new OpenAPIHono<AuthEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({
          path: i.path.map(String).join('.') || '(body)',
          message: i.message,
        }));
        throw new AuthError(
          result.target === 'json' ? 'REQUEST.INVALID_BODY' : 'REQUEST.INVALID_PARAMETER',
          `invalid field(s): ${errors.map((e) => e.path).join(', ')}`,
          { extensions: { errors } },
        );
      }
      return undefined;
    },
  });
}
