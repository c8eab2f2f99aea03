import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { launchChromium } from '@sentinel/kernel/testing';
import { URI, type TOTP } from 'otpauth';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE,
  API_KEY,
  secretFor,
  startTestAuth,
  TENANT,
  type TestAuth,
} from '../testing/harness.ts';

// A real passkey in headless Chromium (CDP virtual authenticator: ctap2, internal, resident key,
// user verification) on the real auth service (challenge routes, factors module, page, in
// memory): enrol, pass a step-up bound to its payment, then the refusals.

const AUTHENTICATOR = {
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;

const PAYMENT = { minor: 123_450, currency: 'ZAR', payee: 'Bob’s Bakery' };
type Payment = typeof PAYMENT;

let t: TestAuth;
/** The same service on a second port: an origin WebAuthn accepts for `localhost`, the service not. */
let other: ServerType;
let otherOrigin: string;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;

beforeAll(async () => {
  t = await startTestAuth({});
  other = serve({ fetch: t.service.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => other.once('listening', () => resolve()));
  otherOrigin = `http://localhost:${(other.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage();
  cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: AUTHENTICATOR,
  }));
});

afterAll(async () => {
  await browser.close();
  await new Promise((resolve) => other.close(resolve));
  await t.close();
});

/** A STEP_UP challenge of Alice's for this payment; its id and client secret. */
async function addChallenge(
  payment: Payment = PAYMENT,
  methods: ('WEBAUTHN' | 'TOTP')[] = ['WEBAUTHN'],
): Promise<{ id: string; secret: string }> {
  const c = await t.stepUp({
    amount: { minor: payment.minor, currency: payment.currency },
    payee: payment.payee,
    methods,
  });
  return { id: c.id, secret: secretFor(c.id) };
}

const statusOf = async (id: string) => (await t.service.challenges.view(TENANT, id)).status;

/** Opens the page of a challenge (secret in the fragment) and waits for its passkey button. */
async function openChallenge(
  c: { id: string; secret: string },
  origin: string = t.pageOrigin,
  ready = '[data-id="passkey"]:not([hidden])',
): Promise<void> {
  await page.goto('about:blank'); // a fresh load, never a same-document fragment change
  await page.goto(`${origin}/challenge/${c.id}#${c.secret}`);
  await page.locator(ready).waitFor();
  // The secret has left the address bar once read.
  expect(page.url()).toBe(`${origin}/challenge/${c.id}`);
}

/** Clicks the passkey button and waits for the page's verdict. */
async function confirmWithPasskey(): Promise<{ state: string; text: string }> {
  await page.locator('[data-id="passkey"]').click();
  const outcome = page.locator(
    '[data-id="outcome"]:is([data-state="passed"], [data-state="refused"], [data-state="error"])',
  );
  await outcome.waitFor();
  return {
    state: (await outcome.getAttribute('data-state')) ?? '',
    text: await outcome.innerText(),
  };
}

/** The assertion the page posts, captured on its way (and let through unless `hold`). */
function captureAssertion(
  id: string,
  opts: { hold?: boolean; before?: () => Promise<unknown> } = {},
) {
  let body: unknown;
  const url = `**/v1/challenges/${id}/webauthn`;
  const ready = page.route(url, async (route) => {
    body = JSON.parse(route.request().postData() ?? 'null');
    await opts.before?.();
    if (opts.hold === true) {
      await route.fulfill({ status: 204, body: '' });
    } else {
      await route.continue();
    }
  });
  return {
    ready,
    body: () => body,
    done: () => page.unroute(url),
  };
}

/** POSTs JSON from the test (the bank's backend or a replaying attacker). */
const post = (path: string, body: unknown, bearer: string) => t.call('POST', path, body, bearer);

describe('step-up page with a real passkey (headless Chromium)', () => {
  it('enrols a passkey through the user routes, created by the browser', async () => {
    const options = await post('/v1/users/alice/passkeys/options', { userName: 'alice' }, API_KEY);
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({
      rp: { id: 'localhost' },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      excludeCredentials: [],
    });
    // Any page of the service's origin: the credential is scoped to RP id `localhost`.
    await page.goto(`${t.pageOrigin}/healthz`);
    await page.addScriptTag({ url: '/challenge-assets/simplewebauthn-browser.js' });
    const registration: unknown = await page.evaluate(
      (optionsJSON) =>
        (
          globalThis as unknown as {
            SimpleWebAuthnBrowser: {
              startRegistration(o: { optionsJSON: unknown }): Promise<unknown>;
            };
          }
        ).SimpleWebAuthnBrowser.startRegistration({ optionsJSON }),
      options.body,
    );
    const stored = await post(
      '/v1/users/alice/passkeys',
      { ...(registration as object), name: 'test phone' },
      API_KEY,
    );
    expect(stored).toMatchObject({
      status: 201,
      body: {
        transports: ['internal'],
        deviceType: 'singleDevice',
        backedUp: false,
        name: 'test phone',
      },
    });
    expect(await t.service.factors.enrolledMethods(TENANT, ALICE.userId)).toEqual(['WEBAUTHN']);
    // The ceremony is single use: the same response again finds no pending registration.
    const again = await post('/v1/users/alice/passkeys', registration, API_KEY);
    expect(again).toMatchObject({ status: 409, body: { code: 'AUTH.REGISTRATION_NOT_PENDING' } });
  });

  it('shows amount and payee, passes the step-up with the passkey; a replay is refused', async () => {
    const paid = await addChallenge();
    await openChallenge(paid);
    expect(await page.locator('[data-id="amount"]').innerText()).toContain('1,234.50');
    expect(await page.locator('[data-id="payee"]').innerText()).toBe('Bob’s Bakery');
    const capture = captureAssertion(paid.id);
    await capture.ready;
    expect(await confirmWithPasskey()).toEqual({ state: 'passed', text: 'PASSED' });
    await capture.done();
    expect(await statusOf(paid.id)).toBe('PASSED');
    const [passkey] = (await t.customerFactors.forTenant(TENANT).get(ALICE.userId)).passkeys;
    expect(passkey?.counter).toBeGreaterThan(0);
    expect(passkey?.lastUsedAt).toEqual(t.clock.now());

    // Replayed to the same challenge: closed.
    const replay = await post(`/v1/challenges/${paid.id}/webauthn`, capture.body(), paid.secret);
    expect(replay).toMatchObject({ status: 409, body: { code: 'AUTH.CHALLENGE_CLOSED' } });
    // Replayed to a new challenge for the very same payment: its nonce differs.
    const twin = await addChallenge();
    await post(`/v1/challenges/${twin.id}/webauthn/options`, {}, twin.secret);
    const toTwin = await post(`/v1/challenges/${twin.id}/webauthn`, capture.body(), twin.secret);
    expect(toTwin).toMatchObject({ status: 422, body: { code: 'AUTH.PASSKEY_WRONG_PAYMENT' } });
    expect(await statusOf(twin.id)).toBe('PENDING');
  });

  it('refuses an assertion made for another payment, and one whose amount changed since', async () => {
    const small = await addChallenge({ ...PAYMENT, minor: 999 });
    const victim = await addChallenge();
    await openChallenge(small);
    const capture = captureAssertion(small.id, { hold: true });
    await capture.ready;
    await page.locator('[data-id="passkey"]').click();
    await expect.poll(() => capture.body()).toBeTruthy();
    await capture.done();
    await post(`/v1/challenges/${victim.id}/webauthn/options`, {}, victim.secret);
    const moved = await post(`/v1/challenges/${victim.id}/webauthn`, capture.body(), victim.secret);
    expect(moved).toMatchObject({ status: 422, body: { code: 'AUTH.PASSKEY_WRONG_PAYMENT' } });

    // The stored amount changes between the options and the assertion.
    const changed = await addChallenge();
    await openChallenge(changed);
    const tamper = captureAssertion(changed.id, {
      before: () =>
        t.challenges
          .forTenant(TENANT)
          .update(changed.id, (c) => ({ ...c, amount: { ...c.amount, minor: 1_234_500 } })),
    });
    await tamper.ready;
    const verdict = await confirmWithPasskey();
    await tamper.done();
    expect(verdict).toEqual({
      state: 'refused',
      text: expect.stringContaining('AUTH.PASSKEY_WRONG_PAYMENT') as string,
    });
    expect(await statusOf(changed.id)).toBe('PENDING');
    expect(await statusOf(victim.id)).toBe('PENDING');
  });

  it('refuses an assertion made on an origin that is not allowed', async () => {
    const c = await addChallenge();
    await openChallenge(c, otherOrigin);
    const verdict = await confirmWithPasskey();
    expect(verdict.state).toBe('refused');
    expect(verdict.text).toContain('AUTH.PASSKEY_WRONG_ORIGIN');
    expect(await statusOf(c.id)).toBe('PENDING');
  });

  it('refuses a second authenticator holding a copy of the credential with a lower counter', async () => {
    const factors = t.customerFactors.forTenant(TENANT);
    const stored = (await factors.get(ALICE.userId)).passkeys[0];
    expect(stored?.counter).toBeGreaterThan(0);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    const [original] = credentials;
    if (original === undefined) {
      throw new Error('the authenticator holds no credential');
    }
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    const clone = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: AUTHENTICATOR });
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId: clone.authenticatorId,
      credential: { ...original, signCount: 0 },
    });
    authenticatorId = clone.authenticatorId;

    const c = await addChallenge();
    await openChallenge(c);
    const verdict = await confirmWithPasskey();
    expect(verdict.state).toBe('refused');
    expect(verdict.text).toContain('AUTH.PASSKEY_COUNTER_REGRESSION');
    expect(await statusOf(c.id)).toBe('PENDING');
    const after = await factors.get(ALICE.userId);
    expect(after.passkeys[0]?.counter).toBe(stored?.counter);
    expect(after.passkeyFailures).toBeGreaterThan(0);
    // Codes and secrets never reach the log; the refusals' stable codes do.
    const logged = JSON.stringify(t.logs);
    expect(logged).toContain('AUTH.PASSKEY_COUNTER_REGRESSION');
    expect(logged).not.toContain(c.secret);
  });

  it('passes with a TOTP code typed into the page’s form; the same code again is a replay', async () => {
    const enrolled = await post('/v1/users/alice/totp', {}, API_KEY);
    const totp = URI.parse((enrolled.body as { otpauthUri: string }).otpauthUri) as TOTP;
    const code = () => totp.generate({ timestamp: t.clock.now().getTime() });
    expect((await post('/v1/users/alice/totp/confirm', { code: code() }, API_KEY)).status).toBe(
      200,
    );
    t.clock.advance(60_000);
    const typed = code();
    const first = await addChallenge(PAYMENT, ['TOTP']);
    const second = await addChallenge(PAYMENT, ['TOTP']);
    for (const [c, expected] of [
      [first, { state: 'passed', text: 'PASSED' }],
      [second, { state: 'refused', text: expect.stringContaining('AUTH.CODE_REPLAYED') as string }],
    ] as const) {
      await openChallenge(c, t.pageOrigin, '[data-id="code-form"]:not([hidden])');
      await expect
        .poll(() => page.locator('[data-id="outcome"]').getAttribute('data-state'))
        .toBe('ready');
      expect(await page.locator('[data-id="passkey"]').isHidden()).toBe(true);
      await page.locator('[data-id="method"]').selectOption('TOTP');
      await page.locator('[data-id="code"]').fill(typed);
      await page.locator('button[type="submit"]').click();
      const outcome = page.locator(
        '[data-id="outcome"]:is([data-state="passed"], [data-state="refused"])',
      );
      await outcome.waitFor();
      expect({
        state: await outcome.getAttribute('data-state'),
        text: await outcome.innerText(),
      }).toEqual(expected);
    }
    expect(await statusOf(first.id)).toBe('PASSED');
    expect(await statusOf(second.id)).toBe('PENDING');
    expect(JSON.stringify(t.logs)).not.toContain(typed);
  });
});
