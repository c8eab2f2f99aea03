import { createRoute, z } from '@hono/zod-openapi';
import { compilePolicy, DEFAULT_POLICY, type PolicyDocument } from '@sentinel/engine';
import type { PolicyCache } from '../../app/policy-cache.ts';
import type { Clock } from '@sentinel/kernel';
import type { PolicyRevision, PolicyStore } from '@sentinel/store';
import { requireAdmin } from '../auth.ts';
import { ApiError } from '../problem.ts';
import { newRouter } from '../router.ts';
import {
  COMMON_ERRORS,
  FORBIDDEN,
  PRECONDITION_FAILED,
  SECURITY,
  UNPROCESSABLE,
} from './common.ts';

const PolicyDocumentSchema = z.record(z.string(), z.unknown()).openapi('PolicyDocument', {
  description:
    'Rules (kind, id, params), level bands, action map, step-up and escrow settings. ' +
    'GET /v1/policy shows the active one; validation errors name the exact path.',
});

const RevisionSchema = z
  .object({
    policy: PolicyDocumentSchema,
    author: z.string(),
    updatedAt: z.string(),
    comment: z.string().optional(),
  })
  .openapi('PolicyRevision');

const PutPolicySchema = z
  .strictObject({ policy: PolicyDocumentSchema, comment: z.string().max(500).optional() })
  .openapi('PutPolicyRequest');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const getPolicy = createRoute({
  method: 'get',
  path: '/v1/policy',
  summary: 'The active rule policy (admin)',
  security: SECURITY,
  responses: {
    200: json(RevisionSchema, 'Active policy; ETag is its version'),
    ...COMMON_ERRORS,
    ...FORBIDDEN,
  },
});

const putPolicy = createRoute({
  method: 'put',
  path: '/v1/policy',
  summary: 'Replace the rule policy (admin): validated, versioned, audited',
  description:
    'Send `If-Match: "<version>"` to fail with 412 when someone else changed it since you read it. ' +
    'Every instance applies the new version within seconds.',
  security: SECURITY,
  request: {
    headers: z.object({ 'if-match': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: PutPolicySchema } } },
  },
  responses: {
    200: json(RevisionSchema, 'The new active revision'),
    ...COMMON_ERRORS,
    ...FORBIDDEN,
    ...PRECONDITION_FAILED,
    ...UNPROCESSABLE,
  },
});

const historyRoute = createRoute({
  method: 'get',
  path: '/v1/policy/history',
  summary: 'Audit trail of policy revisions, newest first (admin)',
  security: SECURITY,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: {
    200: json(z.object({ revisions: z.array(RevisionSchema) }), 'Revisions'),
    ...COMMON_ERRORS,
    ...FORBIDDEN,
  },
});

function toWire(r: PolicyRevision) {
  return {
    policy: r.policy as unknown as Record<string, unknown>,
    author: r.author,
    updatedAt: r.updatedAt.toISOString(),
    ...(r.comment === undefined ? {} : { comment: r.comment }),
  };
}

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) {
    return undefined;
  }
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (m?.[1] === undefined) {
    throw new ApiError(
      'REQUEST.INVALID_PARAMETER',
      'If-Match must be a policy version such as "3"',
    );
  }
  return Number(m[1]);
}

export function policyRoutes(deps: {
  readonly store: PolicyStore;
  readonly cache: PolicyCache;
  readonly clock: Clock;
}) {
  const router = newRouter();
  router.use('/v1/policy', requireAdmin);
  router.use('/v1/policy/*', requireAdmin);
  return router
    .openapi(getPolicy, async (c) => {
      const active = await deps.store.getActive();
      const revision = active ?? {
        policy: DEFAULT_POLICY,
        author: 'built-in',
        updatedAt: new Date(0),
      };
      c.header('ETag', `"${revision.policy.version}"`);
      return c.json(toWire(revision), 200);
    })
    .openapi(putPolicy, async (c) => {
      const { policy, comment } = c.req.valid('json');
      const expectedVersion = parseIfMatch(c.req.valid('header')['if-match']);
      const compiled = compilePolicy({ ...policy, version: 0 });
      if (!compiled.ok) {
        throw new ApiError('POLICY.INVALID', `${compiled.issues.length} problem(s) in the policy`, {
          issues: compiled.issues,
        });
      }
      const { version: _ignored, ...doc } = compiled.policy.document satisfies PolicyDocument;
      const result = await deps.store.put(doc, {
        author: c.get('client').clientId,
        at: deps.clock.now(),
        ...(comment === undefined ? {} : { comment }),
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      });
      if (!result.ok) {
        throw new ApiError(
          'POLICY.VERSION_CONFLICT',
          `The active policy is version ${result.currentVersion}, not ${expectedVersion ?? '?'}`,
        );
      }
      deps.cache.adopt(result.revision);
      c.header('ETag', `"${result.revision.policy.version}"`);
      return c.json(toWire(result.revision), 200);
    })
    .openapi(historyRoute, async (c) => {
      const { limit } = c.req.valid('query');
      const revisions = await deps.store.history(limit);
      return c.json({ revisions: revisions.map(toWire) }, 200);
    });
}
