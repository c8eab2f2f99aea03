import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SoftwareAuthenticator } from '../factors/testing/software-authenticator.ts';
import { ALICE, secretFor, startTestAuth, TENANT, type TestAuth } from '../testing/harness.ts';

// The challenge routes with the real factors module (passkeys bound to the payment) and a
// software authenticator: what auth-factors asked of the routes, each proved on the wire.
describe('passkeys on the challenge routes (the real factors module)', () => {
  let t: TestAuth;
  beforeEach(async () => {
    t = await startTestAuth({});
    await t.setSim(null);
  });
  afterEach(() => t.close());

  async function enrol(): Promise<SoftwareAuthenticator> {
    const authenticator = new SoftwareAuthenticator();
    const options = await t.call<PublicKeyCredentialCreationOptionsJSON>(
      'POST',
      `/v1/users/${ALICE.userId}/passkeys/options`,
      {},
    );
    const stored = await t.call(
      'POST',
      `/v1/users/${ALICE.userId}/passkeys`,
      authenticator.register(options.body, t.pageOrigin),
    );
    expect(stored.status).toBe(201);
    return authenticator;
  }

  /** POSTs an assertion with the browser's Origin header; the answer's body is `unknown` (not DOM's `any`). */
  const postAssertion = (path: string, body: unknown, secret: string, origin = t.pageOrigin) =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', origin },
      body: JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as unknown }));

  it('checks enrolment before options: no passkey, no options and WEBAUTHN not offered', async () => {
    const c = await t.stepUp({ methods: ['WEBAUTHN'] });
    const res = await t.call('POST', `/v1/challenges/${c.id}/webauthn/options`);
    expect(res).toMatchObject({ status: 403, body: { code: 'AUTH.FACTOR_NOT_ENROLLED' } });
    expect((await t.call('GET', `/v1/challenges/${c.id}`)).body).toMatchObject({ methods: [] });
  });

  it('consumes the state before verifying, passes Origin on, and passes once', async () => {
    const authenticator = await enrol();
    const c = await t.stepUp({ methods: ['WEBAUTHN'] });
    const secret = secretFor(c.id);
    const path = `/v1/challenges/${c.id}/webauthn`;
    const options = () =>
      t.call<PublicKeyCredentialRequestOptionsJSON & { payment: unknown }>(
        'POST',
        `${path}/options`,
        undefined,
        secret,
      );

    const first = await options();
    expect(first.body).toMatchObject({
      userVerification: 'required',
      payment: { amount: c.amount, payee: c.payee },
    });
    expect(await t.call('GET', `/v1/challenges/${c.id}`, undefined, secret)).toMatchObject({
      body: { methods: ['WEBAUTHN'] },
    });
    // A stranger's assertion is refused; the state went with it, so the right one now needs
    // fresh options: the state was consumed before the check, whatever its outcome.
    const stranger = new SoftwareAuthenticator().assert(first.body, t.pageOrigin);
    expect(await postAssertion(path, stranger, secret)).toMatchObject({
      status: 422,
      body: { code: 'AUTH.PASSKEY_UNKNOWN_CREDENTIAL', attemptsLeft: 4 },
    });
    const late = authenticator.assert(first.body, t.pageOrigin);
    expect(await postAssertion(path, late, secret)).toMatchObject({
      status: 422,
      body: { code: 'AUTH.PASSKEY_INVALID' },
    });

    // The request's Origin header reaches the check: a good assertion posted from elsewhere.
    const second = await options();
    const fromElsewhere = authenticator.assert(second.body, t.pageOrigin);
    expect(
      await postAssertion(path, fromElsewhere, secret, 'https://attacker.example'),
    ).toMatchObject({ status: 422, body: { code: 'AUTH.PASSKEY_WRONG_ORIGIN' } });

    const third = await options();
    const good = authenticator.assert(third.body, t.pageOrigin);
    expect(await postAssertion(path, good, secret)).toEqual({
      status: 200,
      body: { status: 'PASSED' },
    });
    expect(await postAssertion(path, good, secret)).toMatchObject({
      status: 409,
      body: { code: 'AUTH.CHALLENGE_CLOSED' },
    });
    expect((await t.log.get(TENANT, c.id))?.stepUpOutcome).toMatchObject({
      status: 'PASSED',
      method: 'WEBAUTHN',
    });
    // Counted: the stranger, the wrong origin and the pass; the state-less one was not.
    expect((await t.service.challenges.view(TENANT, c.id)).attemptsLeft).toBe(2);
  });
});
