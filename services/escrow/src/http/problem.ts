import { createHash } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { problemDocument, type Logger } from '@sentinel/kernel';
import type { TenantId } from '@sentinel/store';
import { EscrowError } from '../app/escrow-service.ts';
import type { EscrowKey } from '../config.ts';

// Errors as RFC 9457 problem+json with stable codes, like the risk-api's and the auth service's,
// and the API-key check.

export const PROBLEMS = {
  'REQUEST.INVALID_BODY': { status: 400, title: 'The request body is invalid' },
  'REQUEST.MALFORMED_JSON': { status: 400, title: 'The request body is not valid JSON' },
  'REQUEST.INVALID_PARAMETER': { status: 400, title: 'A path or query parameter is invalid' },
  'AUTH.MISSING_CREDENTIALS': { status: 401, title: 'No credentials were sent' },
  'AUTH.INVALID_CREDENTIALS': { status: 401, title: 'The credentials are not valid' },
  'AUTH.FORBIDDEN': { status: 403, title: 'This key may not do this' },
  'ESCROW.NOT_FOUND': { status: 404, title: 'No such escrow' },
  'RESOURCE.NOT_FOUND': { status: 404, title: 'No such resource' },
  'ESCROW.NOT_HELD': { status: 409, title: 'The escrow has already ended' },
  'ESCROW.UNAVAILABLE': { status: 503, title: 'A dependency does not answer' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;
type ProblemCode = keyof typeof PROBLEMS;

export class Problem extends Error {
  override readonly name = 'Problem';
  readonly code: ProblemCode;
  readonly extensions: Record<string, unknown>;
  constructor(code: ProblemCode, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.code = code;
    this.extensions = extensions;
  }
}

export interface Env {
  Variables: { tenant: TenantId; role: EscrowKey['role'] };
}

export function router(): OpenAPIHono<Env> {
  return new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({
          path: i.path.map(String).join('.') || '(body)',
          message: i.message,
        }));
        throw new Problem(
          result.target === 'json' ? 'REQUEST.INVALID_BODY' : 'REQUEST.INVALID_PARAMETER',
          `invalid field(s): ${errors.map((e) => e.path).join(', ')}`,
          { errors },
        );
      }
      return undefined;
    },
  });
}

export const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function bearer(header: string | undefined): string {
  const token = header === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (token === undefined) {
    throw new Problem('AUTH.MISSING_CREDENTIALS', 'Send Authorization: Bearer <API key>');
  }
  return token;
}

/** Keys are looked up by SHA-256 digest: the time taken does not depend on a guess's prefix. */
export function apiKeyAuth(keys: readonly EscrowKey[]): MiddlewareHandler<Env> {
  const byDigest = new Map(keys.map((k) => [digest(k.key).toString('hex'), k] as const));
  return async (c, next) => {
    const key = byDigest.get(digest(bearer(c.req.header('authorization'))).toString('hex'));
    if (key === undefined) {
      throw new Problem('AUTH.INVALID_CREDENTIALS', 'The API key is not valid');
    }
    c.set('tenant', key.tenant);
    c.set('role', key.role);
    await next();
  };
}

export function problemResponse(err: Error, c: Context, logger: Logger): Response {
  let p: Problem;
  if (err instanceof Problem) {
    p = err;
  } else if (err instanceof EscrowError) {
    p = new Problem(
      err.code,
      err.message,
      err.escrow === undefined ? {} : { escrowStatus: err.escrow.status },
    );
  } else if (err instanceof HTTPException && err.status === 400) {
    p = new Problem('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON');
  } else {
    logger.error('unhandled error', { error: err, path: c.req.path });
    p = new Problem('INTERNAL', 'Something went wrong; the request can be retried');
  }
  const body = problemDocument(PROBLEMS, p, c.req.path);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
