import { describe, expect, it } from 'vitest';
import { createLogger } from '@sentinel/kernel';
import { HOUR, T0, testSimulator } from '../testing/simulator-harness.ts';

const PHONE = '+27821234567';
const NUMBERS = '/sim-swap/v2/demo/numbers';
const ago = (ms: number) => new Date(T0.getTime() - ms).toISOString();

describe('demo endpoints', () => {
  it('registers a number (201), then changes it (200)', async () => {
    const t = testSimulator();
    const created = await t.call('PUT', `${NUMBERS}/${PHONE}`, { body: { swappedHoursAgo: 2 } });
    expect(created).toMatchObject({
      status: 201,
      body: {
        phoneNumber: PHONE,
        lastSwapAt: ago(2 * HOUR),
        latestSimChange: ago(2 * HOUR),
        serviceApplicable: true,
        notifiedSubscriptions: 0,
      },
    });
    const changed = await t.call('PUT', `${NUMBERS}/${encodeURIComponent(PHONE)}`, {
      body: { serviceApplicable: false },
    });
    expect(changed).toMatchObject({
      status: 200,
      body: { lastSwapAt: ago(2 * HOUR), serviceApplicable: false },
    });
  });

  it('registers with an empty body (plain curl -X PUT)', async () => {
    const t = testSimulator();
    const res = await t.call('PUT', `${NUMBERS}/${PHONE}`, { token: null });
    expect(res).toMatchObject({ status: 201, body: { lastSwapAt: null } });
  });

  it('lists numbers and deletes them', async () => {
    const t = testSimulator();
    await t.putNumber('+4915100000002');
    await t.putNumber(PHONE, { activatedAt: null });
    const list = await t.call('GET', NUMBERS);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({ phoneNumber: PHONE, activatedAt: null, latestSimChange: null }),
      expect.objectContaining({ phoneNumber: '+4915100000002' }),
    ]);
    expect((await t.call('DELETE', `${NUMBERS}/${PHONE}`)).status).toBe(204);
    expect((await t.call('DELETE', `${NUMBERS}/${PHONE}`)).body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    const after = await t.call('POST', '/sim-swap/v2/check', { body: { phoneNumber: PHONE } });
    expect(after.body).toMatchObject({ code: 'IDENTIFIER_NOT_FOUND' });
  });

  it.each([
    ['an invalid number in the path', '0821234567', {}, 'INVALID_ARGUMENT'],
    ['an unknown field', PHONE, { swapped: true }, 'INVALID_ARGUMENT'],
    ['a date without time zone', PHONE, { lastSwapAt: '2026-05-01T10:00:00' }, 'INVALID_ARGUMENT'],
    ['both swap fields', PHONE, { lastSwapAt: ago(HOUR), swappedHoursAgo: 1 }, 'INVALID_ARGUMENT'],
    ['a swap in the future', PHONE, { lastSwapAt: '2027-01-01T00:00:00Z' }, 'INVALID_ARGUMENT'],
    ['a negative swappedHoursAgo', PHONE, { swappedHoursAgo: -1 }, 'OUT_OF_RANGE'],
  ])('400 for %s', async (_name, phone, body, code) => {
    const t = testSimulator();
    const res = await t.call('PUT', `${NUMBERS}/${phone}`, { body });
    expect(res).toMatchObject({ status: 400, body: { status: 400, code } });
  });

  it('issues 3-legged tokens bound to a number, and 2-legged ones without', async () => {
    const t = testSimulator();
    await t.putNumber(PHONE, { swappedHoursAgo: 1 });
    const res = await t.call('POST', '/sim-swap/v2/demo/tokens', { body: { phoneNumber: PHONE } });
    expect(res).toMatchObject({
      status: 201,
      body: {
        token_type: 'Bearer',
        expires_in: 3600,
        access_token: expect.stringMatching(/^sim_/) as unknown,
      },
    });
    const threeLegged = (res.body as { access_token: string }).access_token;
    const mine = await t.call('POST', '/sim-swap/v2/check', { token: threeLegged, body: {} });
    expect(mine).toMatchObject({ status: 200, body: { swapped: true } });
    const twoLegged = await t.issueToken({ scopes: ['sim-swap:check'] });
    const missing = await t.call('POST', '/sim-swap/v2/check', { token: twoLegged, body: {} });
    expect(missing.body).toMatchObject({ code: 'MISSING_IDENTIFIER' });
  });

  it.each([
    ['an invalid number', { phoneNumber: '12345' }],
    ['an unknown scope', { scopes: ['sim-swap:everything'] }],
    ['a lifetime of zero', { expiresInSeconds: 0 }],
  ])('refuses a token request with %s', async (_name, body) => {
    const t = testSimulator();
    const res = await t.call('POST', '/sim-swap/v2/demo/tokens', { body });
    expect(res.status).toBe(400);
  });

  it('needs the demo key when one is configured', async () => {
    const t = testSimulator({ settings: { demoKey: 'demo-key-0123456789' } });
    const open = await t.call('GET', NUMBERS, { token: null });
    expect(open).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect((await t.call('GET', NUMBERS, { token: 'wrong-key-0123456789' })).status).toBe(401);
    expect((await t.call('GET', NUMBERS, { token: 'demo-key-0123456789' })).status).toBe(200);
  });

  it('logs the route pattern of each request, never the phone number', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', service: 'sim', write: (l) => lines.push(l) });
    const t = testSimulator({ logger });
    await t.call('PUT', `${NUMBERS}/${PHONE}`, { body: {}, headers: { 'x-correlator': 'c-1' } });
    await t.call('POST', '/sim-swap/v2/check', { body: { phoneNumber: PHONE } });
    expect(lines.join('\n')).not.toContain(PHONE.slice(1));
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({
        message: 'request',
        method: 'PUT',
        route: '/sim-swap/v2/demo/numbers/:phoneNumber',
        status: 201,
        correlator: 'c-1',
      }),
      expect.objectContaining({ message: 'request', route: '/sim-swap/v2/check', status: 200 }),
    ]);
  });

  it('reports health and readiness', async () => {
    const t = testSimulator();
    expect(await t.call('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await t.call('GET', '/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    });
    const down = testSimulator({ ready: () => Promise.reject(new Error('no store')) });
    expect(await down.call('GET', '/readyz')).toMatchObject({
      status: 503,
      body: { code: 'UNAVAILABLE' },
    });
  });
});

describe('demo outage switch', () => {
  const OUTAGE = '/sim-swap/v2/demo/outage';

  it('holds SIM swap lookups while on: unanswered until the outage ends, then 503', async () => {
    const t = testSimulator();
    await t.putNumber(PHONE, { swappedHoursAgo: 2 });
    expect(await t.call('PUT', OUTAGE, { body: { on: true }, token: null })).toMatchObject({
      status: 200,
      body: { on: true },
    });
    const held = t.call('POST', '/sim-swap/v2/check', { body: { phoneNumber: PHONE } });
    // Wait until the lookup is parked behind the outage; ending the outage is what answers it.
    while (
      ((await t.call('GET', OUTAGE, { token: null })).body as { waiting: number }).waiting < 1
    ) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await t.call('PUT', OUTAGE, { body: { on: false }, token: null })).toMatchObject({
      body: { on: false, waiting: 0 },
    });
    const answer = await held;
    expect(answer).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' } });
    const after = await t.call('POST', '/sim-swap/v2/check', { body: { phoneNumber: PHONE } });
    expect(after).toMatchObject({ status: 200, body: { swapped: true } });
  });

  it('answers a held lookup with 503 as soon as its caller gives up', async () => {
    const t = testSimulator();
    await t.putNumber(PHONE);
    await t.call('PUT', OUTAGE, { body: { on: true }, token: null });
    const caller = new AbortController();
    const held = t.sim.app.request('/sim-swap/v2/retrieve-date', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer local-camara-token' },
      body: JSON.stringify({ phoneNumber: PHONE }),
      signal: caller.signal,
    });
    caller.abort();
    expect((await held).status).toBe(503);
  });

  it('refuses a body without on', async () => {
    const t = testSimulator();
    const res = await t.call('PUT', OUTAGE, { body: { enabled: true }, token: null });
    expect(res).toMatchObject({ status: 400, body: { code: 'INVALID_ARGUMENT' } });
  });
});
