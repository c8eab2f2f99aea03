import type {
  CustomerFactors,
  CustomerFactorsRecord,
  ForTenant,
  StoredPasskey,
} from '@sentinel/store';
import { enrolledFactorMethods } from '@sentinel/store';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { factorProblem } from './factor-problems.ts';
import type { FactorsEnv } from './factors-env.ts';
import type { PasskeyRegistration } from './passkey-registration.ts';
import type { TotpService } from './totp-factor.ts';

// risk-api's user id rule (services/risk-api/src/http/schemas.ts), the same ids on both services.
const UserId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/);

const RegistrationOptionsBody = z.object({
  userName: z.string().min(1).max(64).exactOptional(),
  displayName: z.string().min(1).max(64).exactOptional(),
});

// WebAuthn's standard JSON form; the library checks the rest.
const RegistrationBody = z.looseObject({
  id: z.string().min(1),
  rawId: z.string().min(1),
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: z.string().min(1),
    attestationObject: z.string().min(1),
    transports: z.array(z.string()).exactOptional(),
  }),
  clientExtensionResults: z.looseObject({}),
  name: z.string().min(1).max(64).exactOptional(),
});

const CodeBody = z.object({ code: z.string().min(1).max(16) });

/**
 * The user routes, relative to `/v1/users` (mount with `app.route('/v1/users', userRoutes())`
 * behind the API-key middleware, which sets `tenant`). The bank decides when its customer enrols.
 */
export function userRoutes(deps: {
  readonly factors: ForTenant<CustomerFactors>;
  readonly registration: PasskeyRegistration;
  readonly totp: TotpService;
}): Hono<FactorsEnv> {
  const app = new Hono<FactorsEnv>();

  app.post('/:userId/passkeys/options', async (c) => {
    const userId = UserId.safeParse(c.req.param('userId'));
    if (!userId.success) {
      return badUser(c);
    }
    const body = RegistrationOptionsBody.safeParse(await jsonOr(c, {}));
    if (!body.success) {
      return badBody(c, body.error);
    }
    const tenant = c.get('tenant');
    const result = await deps.registration.options(
      deps.factors.forTenant(tenant),
      tenant,
      userId.data,
      body.data,
    );
    return result.ok ? c.json(result.value) : factorProblem(c, result.code, result.detail);
  });

  app.post('/:userId/passkeys', async (c) => {
    const userId = UserId.safeParse(c.req.param('userId'));
    if (!userId.success) {
      return badUser(c);
    }
    const body = RegistrationBody.safeParse(await jsonOr(c, undefined));
    if (!body.success) {
      return badBody(c, body.error);
    }
    const { name, ...response } = body.data;
    const result = await deps.registration.verify(
      deps.factors.forTenant(c.get('tenant')),
      userId.data,
      response,
      name,
    );
    return result.ok
      ? c.json(passkeyView(result.value), 201)
      : factorProblem(c, result.code, result.detail);
  });

  app.get('/:userId/factors', async (c) => {
    const userId = UserId.safeParse(c.req.param('userId'));
    if (!userId.success) {
      return badUser(c);
    }
    const record = await deps.factors.forTenant(c.get('tenant')).get(userId.data);
    return c.json(factorsView(record));
  });

  app.delete('/:userId/passkeys/:id', async (c) => {
    const userId = UserId.safeParse(c.req.param('userId'));
    if (!userId.success) {
      return badUser(c);
    }
    const id = c.req.param('id');
    const removed = await deps.factors.forTenant(c.get('tenant')).update(userId.data, (current) =>
      current.passkeys.some((p) => p.id === id)
        ? {
            write: { ...current, passkeys: current.passkeys.filter((p) => p.id !== id) },
            result: true,
          }
        : { result: false },
    );
    return removed ? c.body(null, 204) : factorProblem(c, 'RESOURCE.NOT_FOUND', 'No such passkey.');
  });

  app.post('/:userId/totp', async (c) => {
    const userId = UserId.safeParse(c.req.param('userId'));
    if (!userId.success) {
      return badUser(c);
    }
    const enrolled = await deps.totp.enrol(deps.factors.forTenant(c.get('tenant')), userId.data);
    return c.json(enrolled, 201);
  });

  app.post('/:userId/totp/confirm', async (c) => {
    const userId = UserId.safeParse(c.req.param('userId'));
    if (!userId.success) {
      return badUser(c);
    }
    const body = CodeBody.safeParse(await jsonOr(c, undefined));
    if (!body.success) {
      return badBody(c, body.error);
    }
    const factors = deps.factors.forTenant(c.get('tenant'));
    const result = await deps.totp.confirm(factors, userId.data, body.data.code);
    return result.ok ? c.json({ status: 'ACTIVE' }) : factorProblem(c, result.code, result.detail);
  });

  return app;
}

/** What a client may see of a passkey: no key material. */
function passkeyView(p: StoredPasskey) {
  return {
    id: p.id,
    transports: p.transports,
    deviceType: p.deviceType,
    backedUp: p.backedUp,
    createdAt: p.createdAt.toISOString(),
    ...(p.lastUsedAt === undefined ? {} : { lastUsedAt: p.lastUsedAt.toISOString() }),
    ...(p.name === undefined ? {} : { name: p.name }),
  };
}

function factorsView(record: CustomerFactorsRecord) {
  const totp = record.totp;
  return {
    userId: record.userId,
    methods: enrolledFactorMethods(record),
    passkeys: record.passkeys.map(passkeyView),
    passkeysLocked: record.passkeyLockedAt !== undefined,
    totp:
      totp === undefined
        ? null
        : {
            status:
              totp.lockedAt !== undefined
                ? 'LOCKED'
                : totp.confirmedAt === undefined
                  ? 'PENDING'
                  : 'ACTIVE',
            ...(totp.confirmedAt === undefined
              ? {}
              : { confirmedAt: totp.confirmedAt.toISOString() }),
          },
  };
}

async function jsonOr(c: Context, fallback: unknown): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    return fallback;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function badUser(c: Context): Response {
  return factorProblem(c, 'REQUEST.INVALID_PARAMETER', 'userId is not a valid user id.', [
    {
      path: 'userId',
      message: 'must start with a letter or digit and contain only letters, digits and . _ : @ -',
    },
  ]);
}

function badBody(c: Context, error: z.ZodError): Response {
  return factorProblem(
    c,
    'REQUEST.INVALID_BODY',
    undefined,
    error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
  );
}
