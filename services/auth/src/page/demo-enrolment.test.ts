import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { afterEach, describe, expect, it } from 'vitest';
import { SoftwareAuthenticator } from '../factors/testing/software-authenticator.ts';
import { API_KEY, startTestAuth, TENANT, type TestAuth } from '../testing/harness.ts';

// The local-only passkey enrolment page (npm start): absent unless AUTH_DEMO_ENROLMENT_TENANT is
// set, and then only the passkey ceremony for that one tenant.
describe('the demo enrolment page', () => {
  let t: TestAuth | undefined;
  afterEach(() => t?.close());

  it('does not exist when the flag is off: every demo path is a 404', async () => {
    t = await startTestAuth({});
    for (const [method, path] of [
      ['GET', '/demo/enrol'],
      ['GET', '/demo/enrol.js'],
      ['POST', '/demo/users/alice/passkeys/options'],
      ['GET', '/demo/users/alice/factors'],
    ] as const) {
      const res = await t.call(method, path, method === 'POST' ? {} : undefined, null);
      expect([path, res.status, res.body]).toEqual([
        path,
        404,
        expect.objectContaining({ code: 'RESOURCE.NOT_FOUND' }),
      ]);
    }
  });

  it('when on, serves the page and enrols a passkey for its tenant with no API key', async () => {
    t = await startTestAuth({ env: { AUTH_DEMO_ENROLMENT_TENANT: TENANT } });
    const page = await fetch(`${t.baseUrl}/demo/enrol`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script defer src="/demo/enrol.js"></script>');
    expect((await fetch(`${t.baseUrl}/demo/enrol.js`)).status).toBe(200);

    const authenticator = new SoftwareAuthenticator();
    const options = await t.call<PublicKeyCredentialCreationOptionsJSON>(
      'POST',
      '/demo/users/demo-alice/passkeys/options',
      { userName: 'demo-alice' },
      null,
    );
    expect(options).toMatchObject({ status: 200, body: { rp: { id: 'localhost' } } });
    const stored = await t.call(
      'POST',
      '/demo/users/demo-alice/passkeys',
      authenticator.register(options.body, t.pageOrigin),
      null,
    );
    expect(stored.status).toBe(201);
    // The passkey is the demo tenant's customer's, as the bank's own API shows it.
    const factors = await t.call('GET', '/v1/users/demo-alice/factors', undefined, API_KEY);
    expect(factors.body).toMatchObject({ methods: ['WEBAUTHN'] });
  });

  it('when on, offers nothing else: no TOTP, no deletion, and the user routes still want a key', async () => {
    t = await startTestAuth({ env: { AUTH_DEMO_ENROLMENT_TENANT: TENANT } });
    for (const [method, path] of [
      ['POST', '/demo/users/demo-alice/totp'],
      ['DELETE', '/demo/users/demo-alice/passkeys/x'],
    ] as const) {
      expect((await t.call(method, path, undefined, null)).status).toBe(404);
    }
    const unkeyed = await t.call('POST', '/v1/users/demo-alice/passkeys/options', {}, null);
    expect(unkeyed).toMatchObject({ status: 401, body: { code: 'AUTH.MISSING_CREDENTIALS' } });
  });

  it('stays out of the one OpenAPI document, which lists the challenge and the user routes', async () => {
    t = await startTestAuth({ env: { AUTH_DEMO_ENROLMENT_TENANT: TENANT } });
    const doc = await t.call<{ paths: Record<string, unknown> }>('GET', '/openapi.json');
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      '/v1/challenges/{id}',
      '/v1/challenges/{id}/otp',
      '/v1/challenges/{id}/verify',
      '/v1/challenges/{id}/webauthn',
      '/v1/challenges/{id}/webauthn/options',
      '/v1/users/{userId}/factors',
      '/v1/users/{userId}/passkeys',
      '/v1/users/{userId}/passkeys/options',
      '/v1/users/{userId}/passkeys/{id}',
      '/v1/users/{userId}/totp',
      '/v1/users/{userId}/totp/confirm',
    ]);
  });
});
