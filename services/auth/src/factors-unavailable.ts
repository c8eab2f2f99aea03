import { OpenAPIHono } from '@hono/zod-openapi';
import type { AuthEnv } from './http/env.ts';
import type { FactorService } from './factors-port.ts';

const NOT_ENROLLED = {
  ok: false,
  code: 'AUTH.FACTOR_NOT_ENROLLED',
  detail: 'No factor module is installed in this build',
} as const;

/**
 * The stand-in `main.ts` uses until the auth-factors module (`createFactorService`) is merged:
 * no customer has a passkey or TOTP, so only SMS and e-mail codes can pass a challenge. Honest by
 * construction: it never passes anything.
 */
export const factorsUnavailable: FactorService = {
  userRoutes: () => new OpenAPIHono<AuthEnv>(),
  passkeyRequest: () => Promise.reject(new Error('no factor module installed')),
  verifyPasskey: () => Promise.resolve(NOT_ENROLLED),
  verifyTotp: () => Promise.resolve(NOT_ENROLLED),
  enrolledMethods: () => Promise.resolve([]),
};
