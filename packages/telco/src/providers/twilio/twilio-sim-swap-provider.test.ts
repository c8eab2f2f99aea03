import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProviderResult } from '../sim-swap-provider.ts';
import { FakeClock } from '@sentinel/kernel/testing';
import { FAKE_TWILIO, lookupBody, startFakeTwilio, twilioError } from '../testing/fake-twilio.ts';
import type { LoopbackServer, Reply } from '../testing/loopback-server.ts';
import { twilioSimSwapProvider } from './twilio-sim-swap-provider.ts';

const NUMBER = '+14155552671';
const clock = new FakeClock();
let fake: LoopbackServer | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function lookupWith(reply: Reply, timeoutMs = 2_000): Promise<ProviderResult> {
  fake = await startFakeTwilio(() => reply);
  const provider = twilioSimSwapProvider({ ...FAKE_TWILIO, baseUrl: fake.url, clock });
  return provider.lookup(NUMBER, { timeoutMs });
}

const ok = (simSwap: unknown): Reply => ({ status: 200, body: lookupBody(NUMBER, simSwap) });
const carrier = { carrier_name: 'Verizon', mobile_country_code: '311', mobile_network_code: '480' };

describe('twilioSimSwapProvider through the twilio SDK and a fake Twilio', () => {
  it('sends GET /v2/PhoneNumbers/{n}?Fields=sim_swap to lookups, with Basic auth', async () => {
    await lookupWith(ok(null));
    const [request] = fake?.requests ?? [];
    expect(request?.method).toBe('GET');
    const url = new URL(request?.path ?? '', 'http://x');
    expect(decodeURIComponent(url.pathname)).toBe(`/lookups/v2/PhoneNumbers/${NUMBER}`);
    expect(url.searchParams.get('Fields')).toBe('sim_swap');
  });

  it.each<[string, Reply, Partial<ProviderResult>]>([
    [
      'a swap date (snake_case on the wire, kept raw by the SDK)',
      ok({
        last_sim_swap: {
          last_sim_swap_date: '2026-02-27T08:30:00Z',
          swapped_period: 'PT48H',
          swapped_in_period: true,
        },
        ...carrier,
        error_code: null,
      }),
      {
        ok: true,
        source: 'twilio',
        lastSwapAt: new Date('2026-02-27T08:30:00Z'),
        monitoredPeriodHours: 48,
      },
    ],
    [
      'no date, not swapped within PT48H (magic number +12345678900) is an answer',
      ok({
        last_sim_swap: {
          last_sim_swap_date: null,
          swapped_period: 'PT48H',
          swapped_in_period: false,
        },
        ...carrier,
        error_code: null,
      }),
      { ok: true, lastSwapAt: null, monitoredPeriodHours: 48 },
    ],
    [
      'no date, swapped within the period: as recent as it can be (checkedAt)',
      ok({
        last_sim_swap: { last_sim_swap_date: null, swapped_period: 'P7D', swapped_in_period: true },
        ...carrier,
        error_code: null,
      }),
      { ok: true, lastSwapAt: clock.now(), monitoredPeriodHours: 168 },
    ],
    ...[60606, 60607, 60620, 60008].map((code): [string, Reply, Partial<ProviderResult>] => [
      `error_code ${code} is unavailable, never "not swapped", and not retried`,
      ok({ last_sim_swap: null, ...carrier, error_code: code }),
      { ok: false, reason: 'UNAVAILABLE', detail: `twilio: error_code ${code}`, retryable: false },
    ]),
    [
      'no sim_swap at all (unsupported country, e.g. South Africa) is NOT_COVERED',
      ok(null),
      { ok: false, reason: 'NOT_COVERED' },
    ],
    [
      'sim_swap with nulls only is unavailable',
      ok({ last_sim_swap: null, carrier_name: null, mobile_country_code: null, error_code: null }),
      { ok: false, reason: 'UNAVAILABLE' },
    ],
    [
      'last_sim_swap with no date and no period is unavailable',
      ok({
        last_sim_swap: { last_sim_swap_date: null, swapped_period: null, swapped_in_period: null },
        error_code: null,
      }),
      { ok: false, reason: 'UNAVAILABLE' },
    ],
    [
      'an invalid number is NOT_COVERED',
      { status: 200, body: { ...lookupBody(NUMBER, null), valid: false } },
      { ok: false, reason: 'NOT_COVERED' },
    ],
    ['404 is NOT_COVERED', twilioError(404, 20404), { ok: false, reason: 'NOT_COVERED' }],
    [
      '401 is an ERROR',
      twilioError(401, 20003),
      { ok: false, reason: 'ERROR', detail: 'twilio: HTTP 401 code 20003' },
    ],
    ['429 is UNAVAILABLE', twilioError(429, 20429), { ok: false, reason: 'UNAVAILABLE' }],
    ['503 is UNAVAILABLE', twilioError(503, 20503), { ok: false, reason: 'UNAVAILABLE' }],
  ])('%s', async (_name, reply, expected) => {
    expect(await lookupWith(reply)).toMatchObject(expected);
  });

  it('a slow Twilio is a TIMEOUT within the deadline', async () => {
    const pending = lookupWith({ ...ok(null), delayMs: 1_000 }, 50);
    await clock.untilTimers(1);
    clock.advance(50);
    expect(await pending).toMatchObject({ ok: false, reason: 'TIMEOUT' });
  });

  it('the caller aborting is a TIMEOUT at once', async () => {
    fake = await startFakeTwilio(() => ({ ...ok(null), delayMs: 1_000 }));
    const provider = twilioSimSwapProvider({ ...FAKE_TWILIO, baseUrl: fake.url, clock });
    const controller = new AbortController();
    const pending = provider.lookup(NUMBER, { timeoutMs: 5_000, signal: controller.signal });
    await vi.waitFor(() => expect(fake?.requests).toHaveLength(1));
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, reason: 'TIMEOUT' });
  });

  it('a Twilio that does not listen is UNAVAILABLE', async () => {
    fake = await startFakeTwilio(() => ok(null));
    await fake.close();
    const provider = twilioSimSwapProvider({ ...FAKE_TWILIO, baseUrl: fake.url, clock });
    expect(await provider.lookup(NUMBER, { timeoutMs: 1_000 })).toMatchObject({
      ok: false,
      reason: 'UNAVAILABLE',
    });
  });
});
