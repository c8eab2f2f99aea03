// Issue 15's browser test: npm start's own stack (scripts/start.ts on free ports, this run's
// emulators) and the console in headless Chromium with a CDP virtual authenticator. Seed 002's
// scenarios A and B through the payment app, a bot session, a telco outage and its release, each
// payment also in the analyst view's live feed (a second browser), the hold released from the
// analyst view,
// SHIELD's scenarios in the comparison table, axe-core on both pages, the first load's weight.
// CONSOLE_SCREENSHOTS=1 also writes docs/img/console/*.png (CI leaves the files alone).
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@sentinel/kernel/testing';
import { DEMO_API_KEY } from '../scripts/demo-keys.ts';
import { startLocalStack, type LocalStack } from './support/local-stack.ts';

const SCREENSHOTS = process.env['CONSOLE_SCREENSHOTS'] === '1';
const IMG_DIR = join(import.meta.dirname, '..', 'docs', 'img', 'console');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AUTHENTICATOR = {
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;

let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/**
 * The analyst view, following the live feed while the phone pays: in a browser of its own, so
 * neither page is a background tab (WebAuthn refuses those; their timers are throttled).
 */
let analystBrowser: Browser;
let analyst: Page;
/** How long after each payment its row showed in the analyst view (ms, wall clock). */
const feedMs: number[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startLocalStack(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
  page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', { options: AUTHENTICATOR });
  // The analyst view on npm start's stack: its feed comes from the risk-api's subscriptions on
  // the Pub/Sub emulator (risk-decisions, risk-outcomes, escrow-events).
  analystBrowser = await launchChromium();
  analyst = await analystBrowser.newPage({ viewport: { width: 1280, height: 900 } });
  await analyst.goto(`${stack.console}/console/analyst`);
  await analyst.locator('#feed-status', { hasText: 'live' }).waitFor({ timeout: 20_000 });
}, 150_000);

afterAll(async () => {
  if (feedMs.length > 0) {
    // The 2 s bound, reported (timing is the benchmark's business, not an assertion's).
    process.stdout.write(
      `analyst view: ${feedMs.length} payments shown ${Math.round(Math.min(...feedMs))}–${Math.round(Math.max(...feedMs))} ms after Pay\n`,
    );
  }
  await Promise.all([browser.close(), analystBrowser.close()]);
  await stack.stop();
});

/** The risk-api or escrow API as the bank's backend calls it (the demo tenant's key). */
async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${DEMO_API_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  }
  return json;
}

const id = (name: string) => page.locator(`[data-id="${name}"]`);
const log = () => id('log').innerText();

/** The `data-id` of the element that has the keyboard focus. */
interface FocusedElement {
  getAttribute(name: string): string | null;
}
const focusedId = () =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: FocusedElement | null } })
      .document;
    return doc.activeElement?.getAttribute('data-id') ?? null;
  });

/** Presses Pay on the phone; the answer's action and decision id once the outcome shows. */
async function pay(
  via: 'click' | 'keyboard' = 'click',
): Promise<{ action: string; decisionId: string }> {
  const shown = (await id('outcome').count()) > 0;
  const before = shown ? await id('outcome').getAttribute('data-decision-id') : null;
  const paidAt = performance.now();
  if (via === 'click') {
    await id('pay').click();
  } else {
    // Keyboard only: focus the amount and press Enter, as a form submits.
    await page.getByLabel('Amount (R)').focus();
    await page.keyboard.press('Enter');
  }
  const outcome = page.locator(
    `[data-id="outcome"][data-decision-id]:not([data-decision-id="${before ?? ''}"])`,
  );
  await outcome.waitFor();
  const decisionId = (await outcome.getAttribute('data-decision-id')) ?? '';
  // Every payment the phone makes reaches the analyst view's live feed.
  await analyst.locator(`tr[data-decision-id="${decisionId}"]`).waitFor({ timeout: 15_000 });
  feedMs.push(performance.now() - paidAt);
  return { action: (await outcome.getAttribute('data-action')) ?? '', decisionId };
}

/** Clicks a panel button and waits until the panel is idle again. */
async function panel(name: string): Promise<void> {
  await id(name).click();
  await page.locator('.attack-panel[aria-busy="false"]').waitFor();
}

async function signIn(userId: string): Promise<void> {
  if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) {
    await page.getByRole('button', { name: 'Sign out' }).click();
  }
  await id(`sign-in-${userId}`).click();
  await page.getByText(`Signed in as ${userId}`).waitFor();
}

async function screenshot(name: string, selector?: string): Promise<void> {
  if (SCREENSHOTS) {
    await mkdir(IMG_DIR, { recursive: true });
    const path = join(IMG_DIR, `${name}.png`);
    await (selector === undefined
      ? page.screenshot({ path, fullPage: true })
      : page.locator(selector).screenshot({ path }));
  }
}

describe('the console’s payment app and attack panel (npm start, headless Chromium)', () => {
  it('enrols Alice’s passkey on the auth service’s local enrolment page', async () => {
    await page.goto(`${stack.auth}/demo/enrol`);
    await id('user').fill('demo-alice');
    await id('enrol').click();
    const outcome = page.locator('[data-id="outcome"][data-state]');
    await outcome.waitFor();
    expect(await outcome.innerText()).toBe('Passkey enrolled for demo-alice.');
  });

  it('A: Alice pays from her bound phone, nothing wrong → APPROVE, narrated from the answer', async () => {
    await page.goto(`${stack.console}/console/demo`);
    // Keyboard operable: Tab from the page's top reaches the sign-in buttons, Enter presses.
    await id('sign-in-demo-alice').waitFor();
    for (let tabs = 0; tabs < 10; tabs++) {
      await page.keyboard.press('Tab');
      if ((await focusedId()) === 'sign-in-demo-alice') {
        break;
      }
    }
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as demo-alice').waitFor();
    const { action } = await pay('keyboard');
    expect(action).toBe('APPROVE');
    const text = await log();
    expect(text).toContain('SIM status: no swap reported by the operator');
    expect(text).toMatch(/Risk score \d+ \(low\)/);
    expect(text).toContain('Action: approve');
  });

  it('B: her SIM swapped 5 minutes ago → passkey step-up, SMS bypassed → PASSED in the page', async () => {
    await id('swap-amount').fill('5');
    await id('swap-unit').selectOption('minutes');
    await panel('swap-ago');
    const { action, decisionId } = await pay();
    expect(action).toBe('STEP_UP');
    const text = await log();
    expect(text).toContain('Signal SIM_SWAP_RECENT: SIM changed 5 min ago');
    expect(text).toContain('Action: step-up with a passkey, SMS code bypassed');
    const frame = page.frameLocator('[data-id="step-up-frame"]');
    await frame.locator('[data-id="passkey"]:not([hidden])').waitFor();
    await screenshot('payment-app-step-up', '.phone');
    await frame.locator('[data-id="passkey"]').click();
    await page.locator('[data-id="step-up-status"][data-status="PASSED"]').waitFor();
    await screenshot('payment-app', '.phone');
    const view = await api<{ stepUp: { status: string; method: string; methods: string[] } }>(
      stack.riskApi,
      'GET',
      `/v1/decisions/${decisionId}`,
    );
    expect(view.stepUp).toMatchObject({
      status: 'PASSED',
      method: 'WEBAUTHN',
      methods: ['WEBAUTHN'],
    });
  });

  it('a bot session (SHIELD 3 snapshot, new device) on the swapped SIM → DENY and freeze', async () => {
    await panel('bot');
    expect(await id('staged').innerText()).toContain('a bot session');
    const { action } = await pay();
    expect(action).toBe('DENY');
    expect(await log()).toContain('Account frozen until the bank unfreezes it');
    // The freeze is one of the decision's effects, applied by its delivery after the answer:
    // read the profile until it shows (the observable end), for at most 15 s.
    const frozen = async () =>
      (await api<{ freeze: { frozen: boolean } }>(stack.riskApi, 'GET', '/v1/users/demo-alice'))
        .freeze.frozen;
    const deadline = Date.now() + 15_000;
    while (!(await frozen()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await frozen()).toBe(true);
  });

  it('a telco outage → Carol’s payment HELD, then RELEASED after a call-centre verification recorded in the analyst view', async () => {
    await signIn('demo-carol');
    await panel('outage');
    expect(await log()).toContain('Operator outage: SIM swap lookups time out');
    const { action, decisionId } = await pay();
    expect(action).toBe('STEP_UP');
    await page.locator('[data-id="hold"][data-status="HELD"]').waitFor();
    expect(await log()).toContain('Action: step-up with an out-of-band check by the bank');
    const view = await api<{ escrow: { escrowId: string; status: string; reason: string } }>(
      stack.riskApi,
      'GET',
      `/v1/decisions/${decisionId}`,
    );
    expect(view.escrow).toMatchObject({ status: 'HELD', reason: 'TELCO_SIGNAL_STALE' });
    // The call centre verifies her and records it in the analyst view (the decision's detail,
    // through the risk-api's proxy to the escrow service).
    await analyst
      .locator(`tr[data-decision-id="${decisionId}"]`)
      .getByRole('button', { name: /^Open decision / })
      .click();
    const form = analyst.locator('form.verification');
    await form.getByLabel('Operator').fill('cc-agent-117');
    await form.getByLabel('Reference').fill('CALL-42');
    await form.getByRole('button', { name: 'Record verification' }).click();
    // The end: the phone (polling its decision) shows the payment released. Not the form's own
    // "Recorded" line — the detail reloads on success and drops the form with the hold no
    // longer HELD, sometimes before a check could read it. A refusal the form shows ends the
    // wait with its message. (This wait timed out twice on a loaded CI with the form silent: the
    // hold's HELD event reached the feed between the typing and the click, and the detail
    // remounted the form empty, so the browser refused to submit it. The detail now reloads in
    // place; analyst-page.int.test.ts holds that.)
    const released = page.locator('[data-id="hold"][data-status="RELEASED"]');
    const formSays = form.getByRole('status');
    const deadline = Date.now() + 60_000;
    while (!(await released.isVisible())) {
      // Read without waiting: the form can leave the page between a count and a read (it is
      // dropped once the hold is released), and innerText would then wait its 30 s for it.
      const said = (await formSays.allInnerTexts())[0] ?? '';
      if (said !== '' && !said.startsWith('Recorded')) {
        throw new Error(`the verification was not recorded: ${said}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`no RELEASED on the phone within 60 s (the form said: '${said}')`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await panel('outage'); // ends it
    expect(await log()).toContain('Operator outage over');
  }, 90_000); // two browsers, five services and the escrow's transactions: slow on a loaded CI

  it('enrol mode: ten sessions typed in this browser fit Bongani’s baseline; his next payment is scored on it', async () => {
    await signIn('demo-bongani');
    await page.locator('.behaviour-controls summary').click();
    await id('behaviour-browser').check();
    const amount = page.getByLabel('Amount (R)');
    /** One round as a person does it: into the amount, type it, press the button. */
    const round = async (value: string, delayMs: number, button: string) => {
      await amount.click();
      await amount.fill('');
      // Real key events: the SDK records their timings, never the characters.
      await amount.pressSequentially(value, { delay: delayMs });
      await id(button).click();
    };
    for (let n = 1; n <= 10; n++) {
      await round(`${100 + n * 7}.50`, 35 + (n % 4) * 10, 'record-session');
      await page
        .locator('[data-id="enrol-status"]', { hasText: `Session ${n} recorded.` })
        .waitFor();
    }
    await id('fit-baseline').click();
    await page
      .locator('[data-id="enrol-status"]', {
        hasText: 'Baseline v1 fitted for demo-bongani from 10 sessions',
      })
      .waitFor();
    await amount.click();
    await amount.fill('');
    await amount.pressSequentially('131.50', { delay: 50 });
    const { decisionId } = await pay();
    const view = await api<{ signals: { behavior?: { score: number } } }>(
      stack.riskApi,
      'GET',
      `/v1/decisions/${decisionId}`,
    );
    // Scored on the baseline this browser just fitted (how like him is the engine's to say).
    expect(view.signals.behavior?.score).toEqual(expect.any(Number));
    await screenshot('console-enrol-mode', '.phone');
    await id('behaviour-profile').check();
  });

  it('SHIELD’s scenarios build the comparison table row by row, with the OTP-only column', async () => {
    await panel('scenario-legitimate');
    await panel('scenario-scenario_1');
    const rows = page.locator('[data-id="comparison"] tbody tr[data-scenario]');
    expect(await rows.count()).toBe(2);
    const cell = (scenario: string, col: string) =>
      page.locator(`tr[data-scenario="${scenario}"] [data-col="${col}"]`).first().innerText();
    expect(await cell('legitimate', 'action')).toContain('APPROVE');
    expect(await cell('legitimate', 'otp')).toContain('APPROVE');
    expect(await cell('scenario_1', 'action')).toContain('DENY');
    expect(await cell('scenario_1', 'reasons')).toContain('SIM_SWAP_RECENT');
    expect(await cell('scenario_1', 'otp')).toContain('the SMS code goes to the swapped SIM');
    await screenshot('attack-panel', '.side');
    await screenshot('demo-page');
  });

  it.each(['/console/', '/console/demo'])(
    'axe-core: no serious or critical violations on %s',
    async (path) => {
      await page.goto(`${stack.console}${path}`);
      await page.locator('html[data-ready="true"], .console-header').first().waitFor();
      if (path.endsWith('demo')) {
        await signIn('demo-alice');
      }
      await page.evaluate(AXE); // through CDP, which the page's CSP does not govern
      const violations = await page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {
              run(): Promise<{
                violations: { id: string; impact: string | null; nodes: unknown[] }[];
              }>;
            };
          }
        ).axe;
        const result = await axe.run();
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact ?? ''}, ${v.nodes.length} nodes)`);
      });
      expect(violations).toEqual([]);
    },
  );

  it('first load: under 300 KB of compressed script, interactive marker set', async () => {
    const fresh = await browser.newContext();
    const cold = await fresh.newPage();
    await cold.goto(`${stack.console}/console/demo`);
    await cold.locator('html[data-ready="true"]').waitFor();
    const measured = await cold.evaluate(() => {
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => (e as unknown as { encodedBodySize: number }).encodedBodySize);
      return {
        scripts: scripts.length,
        compressedBytes: scripts.reduce((sum, bytes) => sum + bytes, 0),
        readyMs: performance.getEntriesByName('console-ready')[0]?.startTime ?? null,
      };
    });
    await fresh.close();
    expect(measured.scripts).toBeGreaterThan(0);
    expect(measured.compressedBytes).toBeGreaterThan(1_000);
    expect(measured.compressedBytes).toBeLessThan(300_000);
    expect(measured.readyMs).not.toBeNull();
  });
});
