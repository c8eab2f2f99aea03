import { URI, type TOTP } from 'otpauth';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@sentinel/kernel/testing';
import { API_KEY, startStepUpTestApp } from './testing/step-up-test-app.ts';

// A real passkey in headless Chromium (CDP virtual authenticator: ctap2, internal, resident key,
// user verification): enrol, pass a step-up bound to its payment, then the refusals.

type TestApp = Awaited<ReturnType<typeof startStepUpTestApp>>;

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

let app: TestApp;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;

beforeAll(async () => {
  app = await startStepUpTestApp();
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
  await app.close();
});

/** Opens the page of a challenge (secret in the fragment) and waits for its passkey button. */
async function openChallenge(
  id: string,
  origin: string = app.origin,
  ready = '[data-id="passkey"]:not([hidden])',
): Promise<void> {
  const secret = app.challenges.get(id)?.secret ?? '';
  await page.goto('about:blank'); // a fresh load, never a same-document fragment change
  await page.goto(`${origin}/challenge/${id}#${secret}`);
  await page.locator(ready).waitFor();
  // The secret has left the address bar once read.
  expect(page.url()).toBe(`${origin}/challenge/${id}`);
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
function captureAssertion(id: string, opts: { hold?: boolean; before?: () => void } = {}) {
  let body: unknown;
  const url = `**/v1/challenges/${id}/webauthn`;
  const ready = page.route(url, async (route) => {
    body = JSON.parse(route.request().postData() ?? 'null');
    opts.before?.();
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

describe('step-up page with a real passkey (headless Chromium)', () => {
  it('enrols a passkey through the user routes, created by the browser', async () => {
    app.addChallenge('pay-1', PAYMENT);
    await openChallenge('pay-1');
    const optionsRes = await app.post(
      '/v1/users/alice/passkeys/options',
      { userName: 'alice' },
      API_KEY,
    );
    expect(optionsRes.status).toBe(200);
    const options: unknown = await optionsRes.json();
    expect(options).toMatchObject({
      rp: { id: 'localhost' },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      excludeCredentials: [],
    });
    const registration: unknown = await page.evaluate(
      (optionsJSON) =>
        (
          globalThis as unknown as {
            SimpleWebAuthnBrowser: {
              startRegistration(o: { optionsJSON: unknown }): Promise<unknown>;
            };
          }
        ).SimpleWebAuthnBrowser.startRegistration({ optionsJSON }),
      options,
    );
    const stored = await app.post(
      '/v1/users/alice/passkeys',
      { ...(registration as object), name: 'test phone' },
      API_KEY,
    );
    expect(stored.status).toBe(201);
    expect(await stored.json()).toMatchObject({
      transports: ['internal'],
      deviceType: 'singleDevice',
      backedUp: false,
      name: 'test phone',
    });
    expect(await app.service.enrolledMethods('bank-a', 'alice')).toEqual(['WEBAUTHN']);
    // The ceremony is single use: the same response again finds no pending registration.
    const again = await app.post('/v1/users/alice/passkeys', registration, API_KEY);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'AUTH.REGISTRATION_NOT_PENDING' });
  });

  it('shows amount and payee, passes the step-up with the passkey; a replay is refused', async () => {
    await openChallenge('pay-1');
    expect(await page.locator('[data-id="amount"]').innerText()).toContain('1,234.50');
    expect(await page.locator('[data-id="payee"]').innerText()).toBe('Bob’s Bakery');
    const capture = captureAssertion('pay-1');
    await capture.ready;
    expect(await confirmWithPasskey()).toEqual({ state: 'passed', text: 'PASSED' });
    await capture.done();
    expect(app.challenges.get('pay-1')?.status).toBe('PASSED');
    const [passkey] = (await app.factors.get('alice')).passkeys;
    expect(passkey?.counter).toBeGreaterThan(0);
    expect(passkey?.lastUsedAt).toEqual(app.clock.now());

    // Replayed to the same challenge: closed. With its spent state again: the counter did not move.
    const replay = await app.post('/v1/challenges/pay-1/webauthn', capture.body(), 'secret-pay-1');
    expect(await replay.json()).toMatchObject({ code: 'AUTH.CHALLENGE_CLOSED' });
    const challenge = app.challenges.get('pay-1');
    if (challenge === undefined) {
      throw new Error('pay-1 is gone');
    }
    const spent = challenge.states[challenge.states.length - 1] ?? '';
    expect(
      await app.service.verifyPasskey('bank-a', challenge, spent, capture.body() as never),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.PASSKEY_COUNTER_REGRESSION',
    });
    // Replayed to a new challenge for the very same payment: its nonce differs.
    const twin = app.addChallenge('pay-2', PAYMENT);
    await app.post('/v1/challenges/pay-2/webauthn/options', {}, twin.secret);
    const toTwin = await app.post('/v1/challenges/pay-2/webauthn', capture.body(), twin.secret);
    expect(await toTwin.json()).toMatchObject({ code: 'AUTH.PASSKEY_WRONG_PAYMENT' });
    expect(app.challenges.get('pay-2')?.status).toBe('PENDING');
  });

  it('refuses an assertion made for another payment, and one whose amount changed since', async () => {
    app.addChallenge('pay-3', { ...PAYMENT, minor: 999 });
    const victim = app.addChallenge('pay-4', PAYMENT);
    await openChallenge('pay-3');
    const capture = captureAssertion('pay-3', { hold: true });
    await capture.ready;
    await page.locator('[data-id="passkey"]').click();
    await expect.poll(() => capture.body()).toBeTruthy();
    await capture.done();
    await app.post('/v1/challenges/pay-4/webauthn/options', {}, victim.secret);
    const moved = await app.post('/v1/challenges/pay-4/webauthn', capture.body(), victim.secret);
    expect(moved.status).toBe(422);
    expect(await moved.json()).toMatchObject({ code: 'AUTH.PASSKEY_WRONG_PAYMENT' });

    const changed = app.addChallenge('pay-5', PAYMENT);
    await openChallenge('pay-5');
    const tamper = captureAssertion('pay-5', {
      before: () => {
        changed.amount.minor = 1_234_500;
      },
    });
    await tamper.ready;
    const verdict = await confirmWithPasskey();
    await tamper.done();
    expect(verdict).toEqual({
      state: 'refused',
      text: expect.stringContaining('AUTH.PASSKEY_WRONG_PAYMENT') as string,
    });
    expect(app.challenges.get('pay-5')?.status).toBe('PENDING');
    expect(app.challenges.get('pay-4')?.status).toBe('PENDING');
  });

  it('refuses an assertion made on an origin that is not allowed', async () => {
    app.addChallenge('pay-6', PAYMENT);
    await openChallenge('pay-6', app.otherOrigin);
    const verdict = await confirmWithPasskey();
    expect(verdict.state).toBe('refused');
    expect(verdict.text).toContain('AUTH.PASSKEY_WRONG_ORIGIN');
    expect(app.challenges.get('pay-6')?.status).toBe('PENDING');
  });

  it('refuses a second authenticator holding a copy of the credential with a lower counter', async () => {
    const stored = (await app.factors.get('alice')).passkeys[0];
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

    app.addChallenge('pay-7', PAYMENT);
    await openChallenge('pay-7');
    const verdict = await confirmWithPasskey();
    expect(verdict.state).toBe('refused');
    expect(verdict.text).toContain('AUTH.PASSKEY_COUNTER_REGRESSION');
    expect(app.challenges.get('pay-7')?.status).toBe('PENDING');
    const after = await app.factors.get('alice');
    expect(after.passkeys[0]?.counter).toBe(stored?.counter);
    expect(after.passkeyFailures).toBeGreaterThan(0);
    // Codes and secrets never reach the log; the refusals' stable codes do.
    expect(app.logger.lines.join('\n')).toContain('AUTH.PASSKEY_COUNTER_REGRESSION');
    expect(app.logger.lines.join('\n')).not.toContain('secret-pay');
  });

  it('passes with a TOTP code typed into the page’s form; the same code again is a replay', async () => {
    const { otpauthUri } = (await (await app.post('/v1/users/alice/totp', {}, API_KEY)).json()) as {
      otpauthUri: string;
    };
    const totp = URI.parse(otpauthUri) as TOTP;
    const code = () => totp.generate({ timestamp: app.clock.now().getTime() });
    expect((await app.post('/v1/users/alice/totp/confirm', { code: code() }, API_KEY)).status).toBe(
      200,
    );
    app.clock.advance(60_000);
    const typed = code();
    for (const [id, expected] of [
      ['pay-8', { state: 'passed', text: 'PASSED' }],
      [
        'pay-9',
        { state: 'refused', text: expect.stringContaining('AUTH.CODE_REPLAYED') as string },
      ],
    ] as const) {
      app.addChallenge(id, PAYMENT, ['TOTP']);
      await openChallenge(id, app.origin, '[data-id="code-form"]:not([hidden])');
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
    expect(app.challenges.get('pay-8')?.status).toBe('PASSED');
    expect(app.challenges.get('pay-9')?.status).toBe('PENDING');
    expect(app.logger.lines.join('\n')).not.toContain(typed);
  });
});
