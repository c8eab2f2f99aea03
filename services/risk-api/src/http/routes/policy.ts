import { createRoute, z } from '@hono/zod-openapi';
import { DEFAULT_POLICY, type PolicyDocument } from '@sentinel/engine';
import type { PolicyCache } from '../../app/policy-cache.ts';
import type { Clock } from '@sentinel/kernel';
import type { PolicyRevision, PolicyStores } from '@sentinel/store';
import type { Context } from 'hono';
import { requireAdmin } from '../auth.ts';
import type { AppEnv } from '../router.ts';
import { ApiError } from '../problem.ts';
import { newRouter } from '../router.ts';
import { compileSubmittedPolicy } from './compile-submitted-policy.ts';
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
    scope: z.enum(['platform', 'tenant', 'built-in']).openapi({
      description:
        'Where the shown policy comes from: the tenant`s override, the platform default, or the ' +
        'built-in default when neither was ever stored',
    }),
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
  summary: 'Your effective rule policy (admin)',
  description:
    'A tenant admin sees the tenant`s effective policy: its override, else the platform default. ' +
    'A platform key sees the platform default. The ETag is the version of the policy the key ' +
    'edits (a tenant`s override: 0 before the first change), which If-Match checks.',
  security: SECURITY,
  responses: {
    200: json(RevisionSchema, 'Effective policy; ETag is the edited scope`s version'),
    ...COMMON_ERRORS,
    ...FORBIDDEN,
  },
});

const putPolicy = createRoute({
  method: 'put',
  path: '/v1/policy',
  summary: 'Replace your policy (admin): validated, versioned, audited',
  description:
    'A tenant admin key replaces the tenant`s override (its id is prefixed with `<tenant>.` so a ' +
    'decision names it unambiguously); a platform key replaces the platform default, which every ' +
    'tenant without an override uses. Send `If-Match: "<version>"` to fail with 412 when someone ' +
    'else changed it since you read it. Every instance applies the new version within seconds.',
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
  summary: 'Audit trail of the policy you edit, newest first (admin)',
  security: SECURITY,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: {
    200: json(z.object({ revisions: z.array(RevisionSchema) }), 'Revisions'),
    ...COMMON_ERRORS,
    ...FORBIDDEN,
  },
});

type Scope = z.infer<typeof RevisionSchema>['scope'];

function toWire(r: PolicyRevision, scope: Scope) {
  return {
    scope,
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

/** The store the caller edits: its tenant's override, or the platform default for a platform key. */
function editedStore(stores: PolicyStores, c: Context<AppEnv>) {
  const client = c.get('client');
  return client.role === 'platform'
    ? { store: stores.platform, tenant: null, scope: 'platform' as const }
    : { store: stores.forTenant(client.tenant), tenant: client.tenant, scope: 'tenant' as const };
}

export function policyRoutes(deps: {
  readonly stores: PolicyStores;
  readonly cache: PolicyCache;
  readonly clock: Clock;
}) {
  const router = newRouter();
  router.use('/v1/policy', requireAdmin);
  router.use('/v1/policy/*', requireAdmin);
  return router
    .openapi(getPolicy, async (c) => {
      const edited = editedStore(deps.stores, c);
      const own = await edited.store.getActive();
      const platform =
        own === null && edited.tenant !== null ? await deps.stores.platform.getActive() : null;
      const revision = own ??
        platform ?? {
          policy: DEFAULT_POLICY,
          author: 'built-in',
          updatedAt: new Date(0),
        };
      const scope: Scope =
        own !== null ? edited.scope : platform !== null ? 'platform' : 'built-in';
      c.header('ETag', `"${own?.policy.version ?? 0}"`);
      return c.json(toWire(revision, scope), 200);
    })
    .openapi(putPolicy, async (c) => {
      const { policy, comment } = c.req.valid('json');
      const expectedVersion = parseIfMatch(c.req.valid('header')['if-match']);
      const edited = editedStore(deps.stores, c);
      const compiled = compileSubmittedPolicy(policy, edited.tenant);
      const { version: _ignored, ...doc } = compiled.document satisfies PolicyDocument;
      const result = await edited.store.put(doc, {
        author: c.get('client').clientId,
        at: deps.clock.now(),
        ...(comment === undefined ? {} : { comment }),
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      });
      if (!result.ok) {
        throw new ApiError(
          'POLICY.VERSION_CONFLICT',
          `The policy you edit is version ${result.currentVersion}, not ${expectedVersion ?? '?'}`,
        );
      }
      deps.cache.adopt(edited.tenant, result.revision);
      c.header('ETag', `"${result.revision.policy.version}"`);
      return c.json(toWire(result.revision, edited.scope), 200);
    })
    .openapi(historyRoute, async (c) => {
      const { limit } = c.req.valid('query');
      const edited = editedStore(deps.stores, c);
      const revisions = await edited.store.history(limit);
      return c.json({ revisions: revisions.map((r) => toWire(r, edited.scope)) }, 200);
    });
}
