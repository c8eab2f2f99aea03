import { MemoryRiskStateStore } from '@sentinel/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { staticTokenSource } from './camara/access-token-source.ts';
import { camaraSimSwapProvider } from './camara/camara-sim-swap-provider.ts';
import { createLiveSignalLookup } from './live-signal-lookup.ts';
import { startLoopbackServer, type LoopbackServer, type Reply } from './testing/loopback-server.ts';
import { FakeClock } from '@sentinel/kernel/testing';
import type { SimSwapProvider } from './sim-swap-provider.ts';
import { recordingLogger } from './testing/recording-logger.ts';

const NUMBER = '+27821234567';
const SWAPPED_AT = '2026-02-28T09:00:00.000Z';
let operator: LoopbackServer | undefined;

afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

/** An operator answering `retrieve-date` with the scripted replies in turn (the last one repeats). */
async function setUp(replies: Reply[]) {
  operator = await startLoopbackServer(
    () => (replies.length > 1 ? replies.shift() : replies[0]) ?? { status: 500 },
  );
  const clock = new FakeClock();
  const store = new MemoryRiskStateStore();
  const logger = recordingLogger();
  const camara = camaraSimSwapProvider({
    id: 'camara-za',
    baseUrl: operator.url,
    tokens: staticTokenSource('t'),
    clock,
  });
  // Calls to the operator not yet answered: fake time moves only while there are none.
  let calling = 0;
  const provider: SimSwapProvider = {
    id: camara.id,
    lookup: async (phoneNumber, lookupOpts) => {
      calling++;
      try {
        return await camara.lookup(phoneNumber, lookupOpts);
      } finally {
        calling--;
      }
    },
  };
  const live = createLiveSignalLookup({
    provider,
    store,
    clock,
    logger,
    refresh: { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, attemptTimeoutMs: 500 },
  });
  /** Drains the background work, moving time through the retry backoffs. */
  const drain = () => clock.drive(live.drain(2_000), () => calling === 0);
  return { live, store, clock, logger, server: operator, drain };
}

const swapped: Reply = { status: 200, body: { latestSimChange: SWAPPED_AT } };
const down: Reply = { status: 503, body: { status: 503, code: 'UNAVAILABLE', message: '' } };

describe('createLiveSignalLookup: lookupLive (hot path)', () => {
  it('returns the live signal, stamped by the caller clock, and saves it in the background', async () => {
    const { live, store, clock } = await setUp([swapped]);
    const signal = await live.lookupLive(NUMBER, 500);
    const expected = {
      phoneNumber: NUMBER,
      lastSwapAt: new Date(SWAPPED_AT),
      checkedAt: clock.now(),
      source: 'camara-za',
    };
    expect(signal).toEqual(expected);
    await live.drain(1_000);
    expect(await store.getSimSwapSignal(NUMBER)).toEqual(expected);
    expect(live.pending).toBe(0);
  });

  it('a failing provider gives null and stores nothing (one attempt, no retry)', async () => {
    const { live, store, server } = await setUp([down]);
    expect(await live.lookupLive(NUMBER, 500)).toBeNull();
    await live.drain(1_000);
    expect(await store.getSimSwapSignal(NUMBER)).toBeNull();
    expect(server.requests).toHaveLength(1);
  });

  it('a slow provider gives null within the budget', async () => {
    const { live, clock, server } = await setUp([{ ...swapped, delayMs: 2_000 }]);
    const pending = live.lookupLive(NUMBER, 25);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    clock.advance(25);
    expect(await pending).toBeNull();
  });

  it.each([0, -1, Number.NaN])('no budget (%d ms): null without calling anyone', async (budget) => {
    const { live, server } = await setUp([swapped]);
    expect(await live.lookupLive(NUMBER, budget)).toBeNull();
    expect(server.requests).toHaveLength(0);
  });

  it('does not overwrite a signal checked later (e.g. by the webhook meanwhile)', async () => {
    const { live, store, clock } = await setUp([swapped]);
    const newer = {
      phoneNumber: NUMBER,
      lastSwapAt: new Date('2026-03-01T09:59:00Z'),
      checkedAt: new Date(clock.now().getTime() + 1_000),
      source: 'camara-subscription',
    };
    await store.putSimSwapSignal(newer);
    expect(await live.lookupLive(NUMBER, 500)).not.toBeNull();
    await live.drain(1_000);
    expect(await store.getSimSwapSignal(NUMBER)).toEqual(newer);
  });

  it('a store that fails to save is logged, the answer still stands', async () => {
    const { logger, clock, server } = await setUp([swapped]);
    const failingStore = new MemoryRiskStateStore();
    failingStore.setFault('putSimSwapSignal', new Error('store down'));
    const failing = createLiveSignalLookup({
      provider: camaraSimSwapProvider({
        id: 'x',
        baseUrl: server.url,
        tokens: staticTokenSource('t'),
        clock,
      }),
      store: failingStore,
      clock,
      logger,
    });
    expect(await failing.lookupLive(NUMBER, 500)).not.toBeNull();
    await failing.drain(1_000);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'live lookup: saving the SIM swap signal failed',
      }),
    );
    expect(JSON.stringify(logger.lines)).not.toContain(NUMBER);
  });
});

describe('createLiveSignalLookup: queueRefresh (background)', () => {
  it('refreshes with retries and saves the answer', async () => {
    const { live, store, server, drain } = await setUp([down, down, swapped]);
    live.queueRefresh(NUMBER);
    await drain();
    expect((await store.getSimSwapSignal(NUMBER))?.lastSwapAt).toEqual(new Date(SWAPPED_AT));
    expect(server.requests).toHaveLength(3);
  });

  it('returns at once and runs one refresh per number at a time', async () => {
    const { live, store, server } = await setUp([{ ...swapped, delayMs: 100 }]);
    live.queueRefresh(NUMBER);
    live.queueRefresh(NUMBER);
    live.queueRefresh(NUMBER);
    live.queueRefresh('+27829999999');
    expect(live.pending).toBe(2); // queued synchronously, one per number
    expect(server.requests).toHaveLength(0);
    await live.drain(2_000);
    expect(server.requests).toHaveLength(2);
    expect(await store.getSimSwapSignal('+27829999999')).not.toBeNull();
    live.queueRefresh(NUMBER);
    await live.drain(2_000);
    expect(server.requests).toHaveLength(3);
  });

  it('drops refreshes beyond maxInFlight (the poller catches up)', async () => {
    const { clock, store, server } = await setUp([{ ...swapped, delayMs: 50 }]);
    const bounded = createLiveSignalLookup({
      provider: camaraSimSwapProvider({
        id: 'x',
        baseUrl: server.url,
        tokens: staticTokenSource('t'),
        clock,
      }),
      store,
      clock,
      refresh: { maxInFlight: 1 },
    });
    bounded.queueRefresh('+27820000001');
    bounded.queueRefresh('+27820000002');
    await bounded.drain(2_000);
    expect(server.requests).toHaveLength(1);
    expect(await store.getSimSwapSignal('+27820000002')).toBeNull();
  });

  it('a refresh that keeps failing is logged without the number and stores nothing', async () => {
    const { live, store, logger, server, drain } = await setUp([down]);
    live.queueRefresh(NUMBER);
    await drain();
    expect(server.requests).toHaveLength(3); // every attempt, backoffs included
    expect(await store.getSimSwapSignal(NUMBER)).toBeNull();
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'background SIM swap refresh failed' }),
    );
    expect(JSON.stringify(logger.lines)).not.toContain(NUMBER);
  });
});
