import { createRoute, z } from '@hono/zod-openapi';
import type { UserProfile } from '@sentinel/engine';
import type { Clock } from '@sentinel/kernel';
import type { Background } from '../../app/background.ts';
import type { AccountFreezes, CustomerProfiles, ForTenant, PaymentHistory } from '@sentinel/store';
import type { NumberEnrollment } from '../../ports/telco.ts';
import type { AccountFreeze } from '@sentinel/store';
import { callerTenant, requireAdmin } from '../auth.ts';
import { AccountFreezeSchema, UnfreezeInputSchema } from '../behavior-schemas.ts';
import { ApiError } from '../problem.ts';
import { newRouter } from '../router.ts';
import {
  FailedLoginInputSchema,
  UserIdSchema,
  UserProfileInputSchema,
  UserProfileSchema,
} from '../schemas.ts';
import { COMMON_ERRORS, FORBIDDEN, NOT_FOUND, SECURITY } from './common.ts';

const Params = z.object({
  userId: UserIdSchema.openapi({ param: { name: 'userId', in: 'path' } }),
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const UserViewSchema = UserProfileSchema.extend({
  freeze: AccountFreezeSchema.omit({ userId: true }),
}).openapi('UserView');

const putUser = createRoute({
  method: 'put',
  path: '/v1/users/{userId}',
  summary: 'Create or replace a customer profile (onboarding)',
  security: SECURITY,
  request: {
    params: Params,
    body: { required: true, content: { 'application/json': { schema: UserProfileInputSchema } } },
  },
  responses: { 200: json(UserProfileSchema, 'The stored profile'), ...COMMON_ERRORS },
});

const getUser = createRoute({
  method: 'get',
  path: '/v1/users/{userId}',
  summary: 'Read a customer profile and its freeze state',
  security: SECURITY,
  request: { params: Params },
  responses: {
    200: json(UserViewSchema, 'The profile, with `freeze`'),
    ...COMMON_ERRORS,
    ...NOT_FOUND,
  },
});

const unfreeze = createRoute({
  method: 'post',
  path: '/v1/users/{userId}/unfreeze',
  summary: 'Unfreeze an account frozen by a decision (admin)',
  description:
    'A frozen account is denied with ACCOUNT_FROZEN. Unfreezing records who (the admin client) ' +
    'and when, with an optional comment; it is idempotent (an account that is not frozen is ' +
    'left as it is). A decision made before the unfreeze never freezes the account again, even ' +
    'if it is delivered late.',
  security: SECURITY,
  request: {
    params: Params,
    body: { required: true, content: { 'application/json': { schema: UnfreezeInputSchema } } },
  },
  responses: {
    200: json(AccountFreezeSchema, 'The freeze state after the call'),
    ...COMMON_ERRORS,
    ...FORBIDDEN,
    ...NOT_FOUND,
  },
});

const deleteUser = createRoute({
  method: 'delete',
  path: '/v1/users/{userId}',
  summary: 'Remove a customer profile (offboarding); the number is no longer watched',
  security: SECURITY,
  request: { params: Params },
  responses: { 204: { description: 'Removed' }, ...COMMON_ERRORS, ...NOT_FOUND },
});

const failedLogin = createRoute({
  method: 'post',
  path: '/v1/users/{userId}/failed-logins',
  summary: 'Report a failed login (feeds the failed-logins rule)',
  security: SECURITY,
  request: {
    params: Params,
    body: { required: true, content: { 'application/json': { schema: FailedLoginInputSchema } } },
  },
  responses: { 202: json(z.object({ recorded: z.literal(true) }), 'Recorded'), ...COMMON_ERRORS },
});

function freezeToWire(f: AccountFreeze) {
  return {
    frozen: f.frozen,
    ...(f.frozenAt === undefined ? {} : { frozenAt: f.frozenAt.toISOString() }),
    ...(f.decisionId === undefined ? {} : { decisionId: f.decisionId }),
    ...(f.reason === undefined ? {} : { reason: f.reason }),
    ...(f.unfrozenAt === undefined ? {} : { unfrozenAt: f.unfrozenAt.toISOString() }),
    ...(f.unfrozenBy === undefined ? {} : { unfrozenBy: f.unfrozenBy }),
    ...(f.comment === undefined ? {} : { comment: f.comment }),
  };
}

function toWire(p: UserProfile): z.infer<typeof UserProfileSchema> {
  return {
    userId: p.userId,
    phoneNumber: p.phoneNumber,
    devices: p.devices.map((d) => ({
      id: d.id,
      ...(d.imei === undefined ? {} : { imei: d.imei }),
      boundAt: d.boundAt.toISOString(),
    })),
    ...(p.homeLocation === undefined ? {} : { homeLocation: p.homeLocation }),
    enrolledFactors: [...p.enrolledFactors],
    contacts: p.contacts.email === undefined ? {} : { email: p.contacts.email },
  };
}

export function userRoutes(deps: {
  readonly state: ForTenant<CustomerProfiles & AccountFreezes & PaymentHistory>;
  readonly clock: Clock;
  readonly background: Background;
  readonly enrollment?: NumberEnrollment;
}) {
  // Watching a number (poller list, CAMARA subscription) must not hold up onboarding; a failure
  // is logged and the next PUT retries it. The hot path copes with an unwatched number (live
  // lookup, then STEP_UP with escrow).
  const watch = (label: string, task: (e: NumberEnrollment) => Promise<unknown>) => {
    const enrollment = deps.enrollment;
    if (enrollment !== undefined) {
      deps.background.run(label, () => task(enrollment));
    }
  };
  const router = newRouter();
  router.use('/v1/users/:userId/unfreeze', requireAdmin);
  return router
    .openapi(putUser, async (c) => {
      const { userId } = c.req.valid('param');
      const body = c.req.valid('json');
      const profile: UserProfile = {
        userId,
        phoneNumber: body.phoneNumber,
        devices: body.devices.map((d) => ({
          id: d.id,
          ...(d.imei === undefined ? {} : { imei: d.imei }),
          boundAt: new Date(d.boundAt),
        })),
        ...(body.homeLocation === undefined ? {} : { homeLocation: body.homeLocation }),
        enrolledFactors: body.enrolledFactors,
        contacts: body.contacts.email === undefined ? {} : { email: body.contacts.email },
      };
      const state = deps.state.forTenant(callerTenant(c));
      const previous = await state.getProfile(userId);
      await state.putProfile(profile);
      if (previous !== null && previous.phoneNumber !== profile.phoneNumber) {
        const old = previous.phoneNumber;
        watch('unwatch previous number', (e) => e.unenroll(old));
      }
      watch('watch number', (e) => e.enroll(profile.phoneNumber));
      return c.json(toWire(profile), 200);
    })
    .openapi(getUser, async (c) => {
      const { userId } = c.req.valid('param');
      const state = deps.state.forTenant(callerTenant(c));
      const [profile, freeze] = await Promise.all([
        state.getProfile(userId),
        state.getAccountFreeze(userId),
      ]);
      if (profile === null) {
        throw new ApiError('RESOURCE.NOT_FOUND', `No profile for user ${userId}`);
      }
      return c.json({ ...toWire(profile), freeze: freezeToWire(freeze) }, 200);
    })
    .openapi(deleteUser, async (c) => {
      const { userId } = c.req.valid('param');
      const state = deps.state.forTenant(callerTenant(c));
      const profile = await state.getProfile(userId);
      if (profile === null) {
        throw new ApiError('RESOURCE.NOT_FOUND', `No profile for user ${userId}`);
      }
      await state.deleteProfile(userId);
      watch('unwatch number', (e) => e.unenroll(profile.phoneNumber));
      return c.body(null, 204);
    })
    .openapi(failedLogin, async (c) => {
      const { userId } = c.req.valid('param');
      const { occurredAt } = c.req.valid('json');
      await deps.state
        .forTenant(callerTenant(c))
        .recordFailedLogin(
          userId,
          occurredAt === undefined ? deps.clock.now() : new Date(occurredAt),
        );
      return c.json({ recorded: true as const }, 202);
    })
    .openapi(unfreeze, async (c) => {
      const { userId } = c.req.valid('param');
      const { comment } = c.req.valid('json');
      const state = deps.state.forTenant(callerTenant(c));
      const [profile, current] = await Promise.all([
        state.getProfile(userId),
        state.getAccountFreeze(userId),
      ]);
      // An id this tenant never used (another tenant's, say) is missing, not merely unfrozen.
      if (profile === null && current.frozenAt === undefined) {
        throw new ApiError('RESOURCE.NOT_FOUND', `No account ${userId}`);
      }
      const after = await state.unfreezeAccount({
        userId,
        by: c.get('client').clientId,
        at: deps.clock.now(),
        ...(comment === undefined ? {} : { comment }),
      });
      return c.json({ userId, ...freezeToWire(after) }, 200);
    });
}
