import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BEHAVIOR_FEATURE_NAMES } from '@sentinel/engine';
import { launchChromium } from '@sentinel/kernel/testing';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BehaviorSnapshot } from './behavior-features.ts';
import type { EventLog } from './event-log.ts';

// The collector in headless Chromium: the esbuild bundle of the SDK on a loopback page, typed into
// and clicked by playwright's keyboard and mouse; the snapshot must reflect what was done and the
// log must hold no key characters.

const PAGE = `<!doctype html>
<html><body>
<form id="pay">
  <input id="recipient" name="recipient"><input id="amount" name="amount">
  <button id="send" type="submit">Pay</button>
</form>
<div id="feed" style="height: 2000px"></div>
<script type="module">
  import { createBehaviorCollector } from '/sdk.js';
  // 19:30 on the device's own clock (no zone: local time), for time_of_day_hour.
  // The page's clock, stoppable by the test (window.stoppedAt) so a snapshot's end is known.
  const collector = createBehaviorCollector({
    clock: () => new Date('2026-12-06T19:30:00'),
    now: () => window.stoppedAt ?? performance.now(),
  });
  collector.screen('dashboard');
  document.getElementById('pay').addEventListener('submit', (e) => e.preventDefault());
  // Registered after the collector's capturing listener on window: when this one has seen a key,
  // the collector has too (or, once stopped, would have).
  let keys = 0;
  document.addEventListener('keydown', () => { keys += 1; });
  window.sdk = { collector, keys: () => keys };
</script>
</body></html>`;

interface PageGlobals {
  stoppedAt?: number;
  sdk: {
    collector: {
      screen(name: string): void;
      snapshot(): BehaviorSnapshot;
      log(): EventLog;
      reset(): void;
      stop(): void;
    };
    keys(): number;
  };
}
type Win = typeof globalThis & PageGlobals;

let server: Server;
let browser: Browser;
let page: Page;
let origin: string;
let bundleGzipBytes: number;

const log = () => page.evaluate(() => (globalThis as Win).sdk.collector.log());
const snapshot = () => page.evaluate(() => (globalThis as Win).sdk.collector.snapshot());
/** A snapshot taken with the page's clock stopped, and the instant it was stopped at. */
const snapshotAtStop = () =>
  page.evaluate(() => {
    const w = globalThis as Win;
    const end = performance.now();
    w.stoppedAt = end;
    try {
      return { snap: w.sdk.collector.snapshot(), end };
    } finally {
      delete w.stoppedAt;
    }
  });
const count = (l: EventLog, type: string, kind?: string) =>
  l.events.filter(
    (e) => e.type === type && (kind === undefined || ('kind' in e && e.kind === kind)),
  ).length;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
  });
  const sdk = bundle.outputFiles[0]?.text ?? '';
  bundleGzipBytes = gzipSync(sdk).length;
  server = createServer((req, res) => {
    const [type, body] = req.url === '/sdk.js' ? ['text/javascript', sdk] : ['text/html', PAGE];
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('the behaviour collector in headless Chromium', () => {
  it('is small: the whole SDK bundle, minified and gzipped, stays under 16 KiB', () => {
    expect(bundleGzipBytes).toBeGreaterThan(1_000);
    expect(bundleGzipBytes).toBeLessThan(16 * 1_024);
  });

  it('records real typing, clicks, moves, wheel and submit as timings, and snapshots them', async () => {
    await page.goto(origin);
    await page.waitForFunction(() => 'sdk' in globalThis);
    await page.evaluate(() => {
      (globalThis as Win).sdk.collector.screen('transfer');
    });
    await page.mouse.move(10, 300);
    await page.mouse.move(300, 320, { steps: 20 });
    await page.locator('#recipient').click({ delay: 80 });
    await page.keyboard.type('zqx7', { delay: 60 });
    await page.keyboard.press('Backspace', { delay: 40 });
    await page.locator('#amount').click({ delay: 80 });
    await page.keyboard.type('125', { delay: 60 });
    await page.mouse.wheel(0, 120);
    await page.locator('#send').click({ delay: 80 });
    // The observable end: the submit and every key's release are in the log.
    await page.waitForFunction(() => {
      const events = (globalThis as Win).sdk.collector.log().events;
      const ups = events.filter((e) => e.type === 'keyup').length;
      return (
        events.some((e) => e.type === 'submit') &&
        ups === 8 &&
        events.some((e) => e.type === 'wheel')
      );
    });

    const recorded = await log();
    expect(count(recorded, 'keydown', 'char')).toBe(7);
    expect(count(recorded, 'keydown', 'erase')).toBe(1);
    expect(count(recorded, 'focus')).toBe(3); // recipient, amount, and the button when clicked

    const {
      snap: { schemaVersion, features },
      end,
    } = await snapshotAtStop();
    expect(schemaVersion).toBe('sentinel-55/1');
    expect(Object.keys(features)).toEqual(BEHAVIOR_FEATURE_NAMES);
    expect(Object.values(features).every(Number.isFinite)).toBe(true);
    expect(features.backspace_frequency).toBe(1);
    expect(features.error_rate).toBe(1 / 8);
    expect(features.dwell_time_mean).toBeGreaterThan(0);
    expect(features.inter_key_delay_mean).toBeGreaterThanOrEqual(40);
    expect(features.typing_burst_count).toBeGreaterThanOrEqual(1);
    expect(features.tap_duration_mean).toBeGreaterThanOrEqual(70); // clicks held 80 ms
    expect(features.tap_pressure_mean).toBe(0.5); // a mouse: the Pointer Events default
    expect(features.scroll_wheel_event_count).toBe(1);
    expect(features.screens_visited_count).toBe(2);
    expect(features.direct_to_transfer).toBe(1);
    // Timings against the recorded log itself (the page's own clock), not against a bound a
    // slow or fast machine could cross: the form took from its first focus to the submit, and
    // the session from its start to the instant the page's clock was stopped for the snapshot.
    const firstFocus = recorded.events.find((e) => e.type === 'focus')?.t;
    const submitted = recorded.events.find((e) => e.type === 'submit')?.t;
    expect(features.form_submit_speed_ms).toBe((submitted ?? NaN) - (firstFocus ?? NaN));
    expect(features.time_of_day_hour).toBe(19);
    expect(features.session_duration_ms).toBe(end - recorded.start);
    expect(features.accel_x_std).toBe(0); // no motion sensor in headless Chromium
  });

  it('keeps no key characters: only timings, kinds and counters', async () => {
    const recorded = await log();
    const text = JSON.stringify(recorded);
    for (const typed of ['zqx', 'KeyZ', 'Digit7', 'Backspace']) {
      expect(text).not.toContain(typed);
    }
    // Every string in the log is an event type, a key kind, a pointer type or a screen name.
    const strings = new Set<string>();
    JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === 'string') {
        strings.add(value);
      }
      return value;
    });
    const allowed = [
      'keydown',
      'keyup',
      'char',
      'erase',
      'other',
      'pointerdown',
      'pointermove',
      'pointerup',
    ].concat(['mouse', 'focus', 'submit', 'wheel', 'screen', 'dashboard', 'transfer']);
    expect([...strings].filter((s) => !allowed.includes(s))).toEqual([]);
    for (const e of recorded.events.filter((x) => x.type === 'keydown' || x.type === 'keyup')) {
      expect(Object.keys(e).sort()).toEqual(['kind', 'press', 't', 'type']);
    }
    expect(JSON.stringify(await snapshot())).not.toContain('zqx');
  });

  it('reads device motion in rad/s and m/s² from real DeviceMotionEvents', async () => {
    await page.evaluate(() => {
      (globalThis as Win).sdk.collector.reset();
      for (const [x, beta] of [
        [1, 10],
        [3, -10],
      ] as const) {
        globalThis.dispatchEvent(
          new DeviceMotionEvent('devicemotion', {
            accelerationIncludingGravity: { x, y: 0, z: 9.8 },
            rotationRate: { alpha: 0, beta, gamma: 0 },
            interval: 16,
          }),
        );
      }
    });
    const { features } = await snapshot();
    expect(features.accel_x_std).toBe(1);
    expect(features.gyro_x_std).toBeCloseTo((10 * Math.PI) / 180, 9);
    expect(features.hand_stability_score).toBeCloseTo(1 / (1 + (10 * Math.PI) / 180), 9);
  });

  it('reads a real touch swipe and a two-finger pinch (CDP touch input)', async () => {
    const context = await browser.newContext({ hasTouch: true });
    const touchPage = await context.newPage();
    await touchPage.goto(origin);
    await touchPage.waitForFunction(() => 'sdk' in globalThis);
    const cdp = await context.newCDPSession(touchPage);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: [number, number][]) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map(([x, y], id) => ({ x, y, id })),
      });
    // A straight swipe up, 300 px in ten moves.
    await touch('touchStart', [[100, 500]]);
    for (let i = 1; i <= 10; i++) {
      await touch('touchMove', [[100, 500 - 30 * i]]);
    }
    await touch('touchEnd', []);
    // Two fingers 100 px apart spread to 200 px.
    await touch('touchStart', [
      [200, 300],
      [300, 300],
    ]);
    for (let i = 1; i <= 5; i++) {
      await touch('touchMove', [
        [200 - 10 * i, 300],
        [300 + 10 * i, 300],
      ]);
    }
    await touch('touchEnd', []);
    await touchPage.waitForFunction(
      () =>
        (globalThis as Win).sdk.collector.log().events.filter((e) => e.type === 'pointerup')
          .length === 3,
    );
    const { features } = await touchPage.evaluate(() =>
      (globalThis as Win).sdk.collector.snapshot(),
    );
    expect(features.swipe_velocity_mean).toBeGreaterThan(0);
    expect(features.swipe_velocity_std).toBe(0); // one swipe; the pinch's fingers are not swipes
    expect(features.gesture_curvature_mean).toBeCloseTo(0, 9);
    expect(features.pinch_zoom_accel_mean).toBeGreaterThan(0);
    expect(features.tap_duration_mean).toBe(0);
    await context.close();
  });

  it('reset starts an empty session; stop removes every listener', async () => {
    await page.evaluate(() => {
      (globalThis as Win).sdk.collector.reset();
    });
    expect((await log()).events).toEqual([]);
    await page.keyboard.press('a');
    await page.waitForFunction(
      () =>
        (globalThis as Win).sdk.keys() >= 1 &&
        (globalThis as Win).sdk.collector.log().events.length >= 2,
    );
    expect(count(await log(), 'keydown')).toBe(1);

    await page.evaluate(() => {
      (globalThis as Win).sdk.collector.stop();
    });
    const before = await page.evaluate(() => (globalThis as Win).sdk.keys());
    await page.keyboard.press('b');
    await page.waitForFunction((n) => (globalThis as Win).sdk.keys() > n, before);
    expect(count(await log(), 'keydown')).toBe(1);
  });
});
