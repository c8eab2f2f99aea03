import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '@sentinel/kernel';
import { AuthError, problemBody } from './problem.ts';

/**
 * The one place errors become HTTP: problem+json with a stable code, never a stack trace. The
 * app's `onError` and `notFound` use it; a test that mounts one router alone uses it too.
 */
export function problemResponse(err: Error, c: Context, logger: Logger): Response {
  let problem: AuthError;
  if (err instanceof AuthError) {
    problem = err;
  } else if (err instanceof HTTPException && err.status === 400) {
    problem = new AuthError('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON');
  } else {
    logger.error('unhandled error', { error: err, path: c.req.path });
    problem = new AuthError('INTERNAL', 'Something went wrong; the request can be retried');
  }
  const body = problemBody(problem, c.req.path);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'Content-Type': 'application/problem+json', ...problem.headers },
  });
}
