import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import type {
  CustomerFactors,
  CustomerFactorsRecord,
  ForTenant,
  StoredPasskey,
} from '@sentinel/store';
import { enrolledFactorMethods } from '@sentinel/store';
import type { AuthEnv } from '../http/env.ts';
import { AuthError, type ProblemCode } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { ProblemSchema } from '../http/routes/schemas.ts';
import type { PasskeyRegistration } from './passkey-registration.ts';
import type { TotpService } from './totp-factor.ts';
import {
  CodeInput,
  CreationOptionsSchema,
  FactorsSchema,
  PasskeyParams,
  PasskeySchema,
  RegistrationInput,
  RegistrationOptionsInput,
  TotpConfirmedSchema,
  TotpEnrolmentSchema,
  UserParams,
} from './user-schemas.ts';

const SECURITY = [{ Bearer: [] }];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
const body = <T extends z.ZodType>(schema: T, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});
const INVALID = { 400: problem('Invalid user id or body; `errors` names every field') };

const routes = {
  registrationOptions: createRoute({
    method: 'post',
    path: '/{userId}/passkeys/options',
    summary: 'Start a passkey registration (the bank decides when its customer may enrol)',
    security: SECURITY,
    request: { params: UserParams, body: body(RegistrationOptionsInput, false) },
    responses: {
      200: json(CreationOptionsSchema, 'Options for startRegistration(); valid 5 minutes'),
      ...INVALID,
      409: problem('AUTH.PASSKEY_LIMIT_REACHED: at most 20 passkeys'),
    },
  }),
  register: createRoute({
    method: 'post',
    path: '/{userId}/passkeys',
    summary: 'Finish a passkey registration with the RegistrationResponseJSON',
    security: SECURITY,
    request: { params: UserParams, body: body(RegistrationInput) },
    responses: {
      201: json(PasskeySchema, 'The stored credential (no key material)'),
      ...INVALID,
      409: problem('AUTH.REGISTRATION_NOT_PENDING, AUTH.PASSKEY_ALREADY_REGISTERED, …'),
      422: problem('AUTH.PASSKEY_INVALID, AUTH.PASSKEY_WRONG_ORIGIN'),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/{userId}/factors',
    summary: 'The customer’s enrolled factors (no secrets)',
    security: SECURITY,
    request: { params: UserParams },
    responses: { 200: json(FactorsSchema, 'Passkeys, TOTP state, methods'), ...INVALID },
  }),
  deletePasskey: createRoute({
    method: 'delete',
    path: '/{userId}/passkeys/{id}',
    summary: 'Remove a passkey',
    security: SECURITY,
    request: { params: PasskeyParams },
    responses: { 204: { description: 'Removed' }, ...INVALID, 404: problem('No such passkey') },
  }),
  enrolTotp: createRoute({
    method: 'post',
    path: '/{userId}/totp',
    summary: 'Enrol (or replace) a TOTP factor; confirm it with a first code',
    security: SECURITY,
    request: { params: UserParams },
    responses: {
      201: json(TotpEnrolmentSchema, 'The otpauth:// URI to show as a QR code, once'),
      ...INVALID,
    },
  }),
  confirmTotp: createRoute({
    method: 'post',
    path: '/{userId}/totp/confirm',
    summary: 'Confirm a TOTP enrolment with a first code',
    security: SECURITY,
    request: { params: UserParams, body: body(CodeInput) },
    responses: {
      200: json(TotpConfirmedSchema, 'The factor is active'),
      ...INVALID,
      403: problem('AUTH.FACTOR_NOT_ENROLLED'),
      422: problem('AUTH.CODE_INVALID, AUTH.CODE_REPLAYED'),
      423: problem('AUTH.FACTOR_LOCKED'),
    },
  }),
};

/**
 * The user routes, relative to `/v1/users`: mount with `app.route('/v1/users', userRoutes())`
 * behind the API-key middleware, which sets `tenant`; an OpenAPIHono, so the routes join the
 * service's OpenAPI document. Refusals and failed validations are thrown as `AuthError`: the
 * service's one `onError` answers them (http/problem-response.ts).
 */
export function userRoutes(deps: {
  readonly factors: ForTenant<CustomerFactors>;
  readonly registration: PasskeyRegistration;
  readonly totp: TotpService;
}): OpenAPIHono<AuthEnv> {
  const app = newRouter();
  const factorsOf = (tenant: string) => deps.factors.forTenant(tenant);

  app.openapi(routes.registrationOptions, async (c) => {
    const { userId } = c.req.valid('param');
    const tenant = c.get('tenant');
    const names = c.req.valid('json');
    const result = await deps.registration.options(factorsOf(tenant), tenant, userId, names);
    return result.ok ? c.json(result.value, 200) : refused(result.code, result.detail);
  });

  app.openapi(routes.register, async (c) => {
    const { userId } = c.req.valid('param');
    const { name, ...response } = c.req.valid('json');
    const result = await deps.registration.verify(
      factorsOf(c.get('tenant')),
      userId,
      response,
      name,
    );
    return result.ok ? c.json(passkeyView(result.value), 201) : refused(result.code, result.detail);
  });

  app.openapi(routes.list, async (c) => {
    const { userId } = c.req.valid('param');
    return c.json(factorsView(await factorsOf(c.get('tenant')).get(userId)), 200);
  });

  app.openapi(routes.deletePasskey, async (c) => {
    const { userId, id } = c.req.valid('param');
    const removed = await factorsOf(c.get('tenant')).update(userId, (current) =>
      current.passkeys.some((p) => p.id === id)
        ? {
            write: { ...current, passkeys: current.passkeys.filter((p) => p.id !== id) },
            result: true,
          }
        : { result: false },
    );
    return removed ? c.body(null, 204) : refused('RESOURCE.NOT_FOUND', 'No such passkey.');
  });

  app.openapi(routes.enrolTotp, async (c) => {
    const { userId } = c.req.valid('param');
    return c.json(await deps.totp.enrol(c.get('tenant'), userId), 201);
  });

  app.openapi(routes.confirmTotp, async (c) => {
    const { userId } = c.req.valid('param');
    const { code } = c.req.valid('json');
    const result = await deps.totp.confirm(c.get('tenant'), userId, code);
    return result.ok
      ? c.json({ status: 'ACTIVE' as const }, 200)
      : refused(result.code, result.detail);
  });

  return app;
}

/** A refusal: the service's one error handler answers it as problem+json. */
function refused(code: ProblemCode, detail: string): never {
  throw new AuthError(code, detail);
}

/** What a client may see of a passkey: no key material. */
function passkeyView(p: StoredPasskey): z.infer<typeof PasskeySchema> {
  return {
    id: p.id,
    transports: [...p.transports],
    deviceType: p.deviceType,
    backedUp: p.backedUp,
    createdAt: p.createdAt.toISOString(),
    ...(p.lastUsedAt === undefined ? {} : { lastUsedAt: p.lastUsedAt.toISOString() }),
    ...(p.name === undefined ? {} : { name: p.name }),
  };
}

function factorsView(record: CustomerFactorsRecord): z.infer<typeof FactorsSchema> {
  const totp = record.totp;
  const status =
    totp?.lockedAt !== undefined
      ? 'LOCKED'
      : totp?.confirmedAt === undefined
        ? 'PENDING'
        : 'ACTIVE';
  return {
    userId: record.userId,
    methods: enrolledFactorMethods(record),
    passkeys: record.passkeys.map(passkeyView),
    passkeysLocked: record.passkeyLockedAt !== undefined,
    totp:
      totp === undefined
        ? null
        : {
            status,
            ...(totp.confirmedAt === undefined
              ? {}
              : { confirmedAt: totp.confirmedAt.toISOString() }),
          },
  };
}
