import { MemoryRiskStateStore } from '@sentinel/store';
import { afterEach, describe, expect, it } from 'vitest';
import { staticTokenSource } from '../providers/camara/access-token-source.ts';
import { camaraSimSwapProvider } from '../providers/camara/camara-sim-swap-provider.ts';
import { FakeClock } from '@sentinel/kernel/testing';
import {
  startLoopbackServer,
  type LoopbackServer,
  type Reply,
} from '../providers/testing/loopback-server.ts';
import { MemoryWatchedNumbers } from './adapters/memory-watched-numbers.ts';
import { pollWatchedNumbers, type PollOptions } from './poll-watched-numbers.ts';

let operator: LoopbackServer | undefined;
afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

const numbers = (n: number) =>
  Array.from({ length: n }, (_, i) => `+2782${String(i).padStart(7, '0')}`);

const T0 = new Date('2026-03-01T10:00:00.000Z');

/**
 * A CAMARA operator answering `answer(number)` (after its `delayMs`), and a poll against it, all on
 * one FakeClock. The clock moves only while every call in flight waits out the operator's delay (or
 * none is in flight), so rates, latencies and deadlines are exact and no machine load changes them.
 */
async function operatorWith(answer: (phoneNumber: string) => Reply) {
  const clock = new FakeClock(T0);
  const server = await startLoopbackServer(
    (request) => {
      const { phoneNumber } = JSON.parse(request.body) as { phoneNumber: string };
      return answer(phoneNumber);
    },
    { clock },
  );
  operator = server;
  const camara = camaraSimSwapProvider({
    id: 'camara-za',
    baseUrl: server.url,
    tokens: staticTokenSource('t'),
    clock,
  });
  let calling = 0;
  const provider: typeof camara = {
    ...camara,
    lookup: async (phoneNumber, opts) => {
      calling++;
      try {
        return await camara.lookup(phoneNumber, opts);
      } finally {
        calling--;
      }
    },
  };
  const poll = (opts: Omit<PollOptions, 'provider' | 'clock'>) =>
    clock.drive(
      pollWatchedNumbers({ ...opts, provider, clock }),
      () => calling === server.delaying,
    );
  return { provider, server, clock, poll };
}

/** Most requests that arrived within any window of `windowMs`. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) {
      start++;
    }
    best = Math.max(best, end - start + 1);
  }
  return best;
}

const swappedAnHourAgo = (): Reply => ({
  status: 200,
  body: { latestSimChange: new Date(T0.getTime() - 3_600_000).toISOString() },
});

describe('pollWatchedNumbers: 1,000 numbers against an operator with latency', () => {
  it('honours the rate limit (rate-bound run)', async ({ annotate }) => {
    const CONCURRENCY = 16;
    const RATE = 400;
    // 5–25 ms per answer: 16 in flight could do ~1,000/s, so the rate limit is what binds.
    const { server, poll } = await operatorWith((n) => ({
      ...swappedAnHourAgo(),
      delayMs: 5 + (Number(n.slice(-3)) % 21),
    }));
    const watched = new MemoryWatchedNumbers();
    const all = numbers(1_000);
    for (const n of all) {
      await watched.watch(n, T0);
    }
    const store = new MemoryRiskStateStore();

    const report = await poll({
      numbers: watched.list(),
      store,
      watched,
      concurrency: CONCURRENCY,
      ratePerSecond: RATE,
    });

    expect(report).toMatchObject({
      checked: 1_000,
      refreshed: 1_000,
      updated: 1_000,
      failed: 0,
      complete: true,
    });
    expect(server.requests).toHaveLength(1_000);
    expect(report.maxConcurrentObserved).toBeLessThanOrEqual(CONCURRENCY);
    expect(server.maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
    expect(report.effectiveRate).toBeLessThanOrEqual(RATE);
    // Where the limit applies (call start): never more than rate + burst (2) in any second.
    expect(report.busiestSecondCalls).toBeLessThanOrEqual(RATE + 2);
    // The operator sees the same (time stands still while a request travels).
    const busiestAtOperator = maxInWindow(
      server.requests.map((r) => r.at),
      1_000,
    );
    expect(busiestAtOperator).toBeLessThanOrEqual(RATE + 2);
    // Exact on the injected FakeClock (operatorWith), which moves only as the test drives it: the
    // bucket starts empty, so the 1,000th call starts at 1,000 / RATE s, and the poll ends when
    // its number (…0999) is answered, 5 + 999 % 21 = 17 ms later.
    expect(report.durationMs).toBe((1_000 / RATE) * 1_000 + 17);
    const stored = await Promise.all(all.map((n) => store.getSimSwapSignal(n)));
    expect(stored.every((s) => s?.source === 'camara-za' && s.lastSwapAt !== null)).toBe(true);
    expect((await watched.get(all[0] ?? ''))?.lastSuccessAt).toBeInstanceOf(Date);
    await annotate(
      `rate-bound: ${report.checked} numbers in ${Math.round(report.durationMs)} ms, ` +
        `effective ${report.effectiveRate.toFixed(1)}/s (limit ${RATE}), busiest second: ` +
        `${report.busiestSecondCalls} calls started, ${busiestAtOperator} arrived at the operator; ` +
        `max in flight ${report.maxConcurrentObserved} (server saw ${server.maxInFlight}, limit ${CONCURRENCY})`,
    );
  });

  it('honours the concurrency limit (latency-bound run)', async ({ annotate }) => {
    const CONCURRENCY = 8;
    const RATE = 5_000;
    const { server, poll } = await operatorWith(() => ({ ...swappedAnHourAgo(), delayMs: 20 }));
    const report = await poll({
      numbers: numbers(1_000),
      store: new MemoryRiskStateStore(),
      concurrency: CONCURRENCY,
      ratePerSecond: RATE,
    });
    expect(report).toMatchObject({ checked: 1_000, refreshed: 1_000, failed: 0 });
    expect(server.maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
    expect(report.maxConcurrentObserved).toBe(CONCURRENCY);
    // Eight at a time, 20 ms each: at most 400 a second, so 1,000 take at least 2.5 s of the
    // FakeClock's time (the operator's 20 ms delay waits on it, not on the wall clock); the
    // effective rate is 1,000 calls over the poll's duration, so this bound is that one.
    expect(report.effectiveRate).toBeLessThanOrEqual((CONCURRENCY * 1_000) / 20);
    await annotate(
      `latency-bound: ${report.checked} numbers in ${Math.round(report.durationMs)} ms, ` +
        `effective ${report.effectiveRate.toFixed(1)}/s, max in flight ${report.maxConcurrentObserved} ` +
        `(server saw ${server.maxInFlight}, limit ${CONCURRENCY})`,
    );
  });
});

describe('pollWatchedNumbers: failures are data, recorded per number', () => {
  it('counts failures by reason, retries only what may recover, keeps health per number', async () => {
    const { server, poll: pollOnce } = await operatorWith((n) => {
      if (n.endsWith('7')) {
        return { status: 503, body: { status: 503, code: 'UNAVAILABLE', message: '' } };
      }
      if (n.endsWith('3')) {
        return { status: 404, body: { status: 404, code: 'IDENTIFIER_NOT_FOUND', message: '' } };
      }
      return swappedAnHourAgo();
    });
    const watched = new MemoryWatchedNumbers();
    const all = numbers(50);
    for (const n of all) {
      await watched.watch(n, T0);
    }
    const poll = () =>
      pollOnce({
        numbers: watched.list(),
        store: new MemoryRiskStateStore(),
        watched,
        concurrency: 4,
        ratePerSecond: 2_000,
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      });

    const report = await poll();
    expect(report).toMatchObject({
      checked: 50,
      refreshed: 40,
      failed: 10,
      failuresByReason: { UNAVAILABLE: 5, NOT_COVERED: 5 },
    });
    // 40 answers + 5 × 404 (not retried) + 5 × 503 × 2 attempts
    expect(server.requests).toHaveLength(40 + 5 + 10);
    const failing = await watched.get('+27820000007');
    expect(failing).toMatchObject({
      consecutiveFailures: 1,
      failureCount: 1,
      lastError: { reason: 'UNAVAILABLE', detail: 'camara-za: HTTP 503 UNAVAILABLE' },
    });
    expect(failing?.lastSuccessAt).toBeUndefined();

    await poll();
    expect(await watched.get('+27820000007')).toMatchObject({
      consecutiveFailures: 2,
      failureCount: 2,
    });
    expect(await watched.get('+27820000001')).toMatchObject({
      consecutiveFailures: 0,
      failureCount: 0,
    });
  });

  it('a store that fails to save counts as a STORE failure', async () => {
    const { poll } = await operatorWith(swappedAnHourAgo);
    const store = new MemoryRiskStateStore();
    store.setFault('putSimSwapSignal', new Error('unavailable'));
    const report = await poll({
      numbers: numbers(3),
      store,
      concurrency: 2,
      ratePerSecond: 1_000,
    });
    expect(report).toMatchObject({
      checked: 3,
      refreshed: 0,
      failed: 3,
      failuresByReason: { STORE: 3 },
    });
  });

  it('stops starting numbers at the deadline and says the walk is incomplete', async () => {
    const { server, poll } = await operatorWith(swappedAnHourAgo);
    const report = await poll({
      numbers: numbers(100),
      store: new MemoryRiskStateStore(),
      concurrency: 4,
      ratePerSecond: 20,
      maxDurationMs: 260,
    });
    expect(report.complete).toBe(false);
    // A token every 50 ms from an empty bucket: 50, 100, 150, 200 and 250 ms, then the deadline.
    expect(report.checked).toBe(5);
    expect(server.requests).toHaveLength(report.checked);
    expect(report.failed).toBe(0);
  });

  it('rejects a concurrency below 1', async () => {
    const { poll } = await operatorWith(swappedAnHourAgo);
    await expect(
      poll({
        numbers: [],
        store: new MemoryRiskStateStore(),
        concurrency: 0,
        ratePerSecond: 1,
      }),
    ).rejects.toThrow(RangeError);
  });
});
