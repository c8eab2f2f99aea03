import type { CustomerFactors, ForTenant } from '@sentinel/store';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { URI, type TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import type { PaymentChallenge } from '../payment-binding.ts';
import { factorServiceForTest, jsonPoster, withTenant } from './factor-fixtures.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

const ORIGIN = 'http://localhost:8081';

/**
 * The factor service end to end on one `CustomerFactors` adapter, races included: what holds on
 * memory must hold on Firestore, where two verifications really run at once.
 */
export function runFactorServiceScenarios(
  name: string,
  makeFactors: () => ForTenant<CustomerFactors>,
): void {
  describe(`factor service on ${name}`, () => {
    const setUp = () => {
      const ctx = factorServiceForTest([ORIGIN], makeFactors());
      const tenant = `bank-${crypto.randomUUID().slice(0, 8)}`;
      return { ...ctx, tenant, post: jsonPoster(withTenant(ctx.service.userRoutes(), tenant)) };
    };

    it('registers a passkey and verifies an assertion with the stored key (bytes round trip)', async () => {
      const { service, post, tenant } = setUp();
      const authenticator = new SoftwareAuthenticator();
      const options = (await (
        await post('/v1/users/alice/passkeys/options')
      ).json()) as PublicKeyCredentialCreationOptionsJSON;
      expect(
        (await post('/v1/users/alice/passkeys', authenticator.register(options, ORIGIN))).status,
      ).toBe(201);
      const challenge: PaymentChallenge = {
        id: 'd-1',
        userId: 'alice',
        decisionId: 'd-1',
        amount: { minor: 5_000, currency: 'ZAR' },
        payee: null,
      };
      const request = await service.passkeyRequest(tenant, challenge);
      const response = authenticator.assert(request.options, ORIGIN);
      // The same assertion twice at once: exactly one passes, the other sees the moved counter.
      const results = await Promise.all([
        service.verifyPasskey(tenant, challenge, request.state, response),
        service.verifyPasskey(tenant, challenge, request.state, response),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ code: 'AUTH.PASSKEY_COUNTER_REGRESSION' });
    });

    it('accepts one TOTP code once, even when it is sent twice at the same time', async () => {
      const { service, post, tenant, clock } = setUp();
      const { otpauthUri } = (await (await post('/v1/users/alice/totp')).json()) as {
        otpauthUri: string;
      };
      const totp = URI.parse(otpauthUri) as TOTP;
      const code = () => totp.generate({ timestamp: clock.now().getTime() });
      expect((await post('/v1/users/alice/totp/confirm', { code: code() })).status).toBe(200);
      clock.advance(60_000);
      const now = code();
      const results = await Promise.all([
        service.verifyTotp(tenant, 'alice', now),
        service.verifyTotp(tenant, 'alice', now),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ code: 'AUTH.CODE_REPLAYED' });
      expect(await service.enrolledMethods(tenant, 'alice')).toEqual(['TOTP']);
    });
  });
}
