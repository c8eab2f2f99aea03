import { serve, type ServerType } from '@hono/node-server';
import { MemoryRiskStateStore } from '@sentinel/store';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticTokenSource } from '@sentinel/telco';
import { camaraSimSwapProvider } from '@sentinel/telco';
import { FakeClock } from '@sentinel/kernel/testing';
import type { SimSwapProvider } from '@sentinel/telco';
import { LOCAL_TOKEN, testSimulator } from '@sentinel/camara-simulator/testing';
import { pollWatchedNumbers } from '@sentinel/telco';

// The acceptance run: the poller refreshes 1,000 watched numbers against the CAMARA
// simulator itself (over HTTP on loopback, the simulator's own rate limiter switched on), not a
// stand-in, and stays within its concurrency and rate limits. Poller and simulator share one fake
// clock that moves only while no call is in flight, so the limits are checked on the limiter's
// decisions in simulated seconds, and machine load cannot move a call across a second boundary.
const NUMBERS = Array.from({ length: 1_000 }, (_, i) => `+2783${String(i).padStart(7, '0')}`);
const CONCURRENCY = 16;
const RATE = 400;
/** The operator allows a little more than the poller asks for: a 429 means the poller overran. */
const OPERATOR_LIMIT = { limit: RATE + 50, windowMs: 1_000 };

const clock = new FakeClock();
let server: ServerType | undefined;
let baseUrl: string;
let inFlight = 0;
let maxInFlight = 0;
const arrivals: number[] = [];

beforeAll(async () => {
  const { sim, putNumber } = testSimulator({ settings: { rateLimit: OPERATOR_LIMIT }, clock });
  // Every tenth number was swapped an hour ago; the rest are never-swapped numbers.
  for (const [i, phoneNumber] of NUMBERS.entries()) {
    await putNumber(phoneNumber, i % 10 === 0 ? { swappedHoursAgo: 1 } : {});
  }
  server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: async (request) => {
      if (request.url.endsWith('/retrieve-date')) {
        arrivals.push(clock.monotonicMs());
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await sim.app.fetch(request);
        } finally {
          inFlight--;
        }
      }
      return sim.app.fetch(request);
    },
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
  baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/sim-swap/v2`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** Most arrivals within any one-second window. */
function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 1_000) {
      start++;
    }
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('pollWatchedNumbers against the CAMARA simulator', () => {
  it('refreshes 1,000 watched numbers within its concurrency and rate limits', async ({
    annotate,
  }) => {
    const store = new MemoryRiskStateStore();
    const camara = camaraSimSwapProvider({
      id: 'simulator',
      baseUrl,
      tokens: staticTokenSource(LOCAL_TOKEN),
      clock,
    });
    // Calls past the poller's rate limiter and not yet answered.
    let calling = 0;
    const provider: SimSwapProvider = {
      id: camara.id,
      lookup: async (phoneNumber, opts) => {
        calling++;
        try {
          return await camara.lookup(phoneNumber, opts);
        } finally {
          calling--;
        }
      },
    };
    // Time moves only when every worker waits for the limiter: to its next token.
    const polled = clock.drive(
      pollWatchedNumbers({
        numbers: NUMBERS,
        provider,
        store,
        concurrency: CONCURRENCY,
        ratePerSecond: RATE,
        clock,
      }),
      () => calling === 0,
    );
    const report = await polled;

    expect(report).toMatchObject({
      checked: 1_000,
      refreshed: 1_000,
      updated: 1_000,
      failed: 0,
      complete: true,
    });
    expect(arrivals).toHaveLength(1_000);
    expect(maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
    // The token bucket allows its burst of 2 on top of the rate within any one second.
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(RATE + 2);
    expect(report.busiestSecondCalls).toBeLessThanOrEqual(RATE + 2);
    // Over the whole run it admits no more than the rate: 2 up front, then one per 2.5 ms.
    expect(report.durationMs).toBeLessThan((1_000 / RATE) * 1_000 + 100);
    expect(report.durationMs).toBeGreaterThanOrEqual(((1_000 - 2) / RATE) * 1_000);

    const swapped = await store.getSimSwapSignal(NUMBERS[0] ?? '');
    expect(swapped?.lastSwapAt).toBeInstanceOf(Date);
    expect(swapped?.source).toBe('simulator');
    const never = await store.getSimSwapSignal(NUMBERS[1] ?? '');
    expect(never).toMatchObject({ lastSwapAt: null, source: 'simulator' });

    await annotate(
      `simulator: ${report.checked} numbers in ${Math.round(report.durationMs)} ms, ` +
        `effective ${report.effectiveRate.toFixed(1)}/s (limit ${RATE}), busiest second ` +
        `${busiestSecond(arrivals)} at the simulator, max in flight ${maxInFlight} (limit ${CONCURRENCY}), ` +
        `0 TOO_MANY_REQUESTS from its own limiter (${OPERATOR_LIMIT.limit}/s)`,
    );
  });
});
