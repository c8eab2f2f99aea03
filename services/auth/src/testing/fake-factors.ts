import { OpenAPIHono } from '@hono/zod-openapi';
import type { AuthEnv } from '../http/env.ts';
import type { EnrolledMethod, FactorService } from '../factors-port.ts';

/** The credential id the double accepts; any other assertion is refused. */
export const GOOD_CREDENTIAL = 'good-credential';
/** The one TOTP code the double accepts, once per user (a replay is refused). */
export const GOOD_TOTP = '246810';

/**
 * A test double of the auth-factors module (the real one is `createFactorService`): just enough
 * behaviour to drive the challenge routes — enrolment is a set, a passkey "verifies" when its id
 * is GOOD_CREDENTIAL and the state matches, a TOTP code when it is GOOD_TOTP the first time.
 */
export function fakeFactors(enrolled: Readonly<Record<string, readonly EnrolledMethod[]>>) {
  const usedTotp = new Set<string>();
  const service: FactorService = {
    userRoutes: () => {
      const routes = new OpenAPIHono<AuthEnv>();
      routes.get('/:userId/factors', (c) =>
        c.json({ tenant: c.get('tenant'), methods: enrolled[c.req.param('userId')] ?? [] }),
      );
      return routes;
    },
    passkeyRequest: (_tenant, challenge) =>
      Promise.resolve({
        options: {
          challenge: `nonce-${challenge.id}`,
          rpId: 'localhost',
          userVerification: 'required',
        },
        payment: { amount: challenge.amount, payee: challenge.payee },
        state: `state-${challenge.id}`,
      }),
    verifyPasskey: (_tenant, challenge, state, response) =>
      Promise.resolve(
        state === `state-${challenge.id}` && response.id === GOOD_CREDENTIAL
          ? { ok: true }
          : { ok: false, code: 'AUTH.PASSKEY_UNKNOWN_CREDENTIAL', detail: 'Unknown passkey' },
      ),
    verifyTotp: (tenant, userId, code) => {
      const key = `${tenant}\n${userId}`;
      if (code !== GOOD_TOTP) {
        return Promise.resolve({ ok: false, code: 'AUTH.CODE_INVALID', detail: 'Wrong code' });
      }
      if (usedTotp.has(key)) {
        return Promise.resolve({ ok: false, code: 'AUTH.CODE_REPLAYED', detail: 'Used already' });
      }
      usedTotp.add(key);
      return Promise.resolve({ ok: true });
    },
    enrolledMethods: (_tenant, userId) => Promise.resolve([...(enrolled[userId] ?? [])]),
  };
  return service;
}
